import type { AgendaTemplateId } from '../model/agenda';
import type { Role } from '../model/common';
import type { Goal } from '../model/goal';
import type { Channel } from '../model/relationship';

// The words of the sample data. Templates may name slots in braces: `{name}` is the other person's
// first name, the other slots are filled from SLOTS. Kept apart from the generator so that the
// generator reads as the shape of the data and this file as its voice.

export interface Person {
  name: string;
  /** What `{name}` becomes in text: how one would address them. */
  firstName: string;
  email?: string;
}

/** The other side of each relationship; a few names in other scripts, one right-to-left. */
export const PEOPLE: readonly Person[] = [
  { name: 'Priya Raman', firstName: 'Priya', email: 'priya.raman@example.com' },
  { name: 'Jonas Becker', firstName: 'Jonas', email: 'jonas.becker@example.de' },
  { name: 'ليلى حداد', firstName: 'ليلى', email: 'layla.haddad@example.org' },
  { name: 'María José Álvarez', firstName: 'María José', email: 'mj.alvarez@example.es' },
  { name: 'Amara Okafor', firstName: 'Amara', email: 'amara.okafor@example.com' },
  { name: '陈伟 (Chen Wei)', firstName: 'Wei', email: 'chen.wei@example.cn' },
  { name: "Sam O'Neill", firstName: 'Sam' },
  { name: 'Zoë Martin 🌿', firstName: 'Zoë', email: 'zoe.martin@example.fr' },
  { name: 'Łukasz Nowak', firstName: 'Łukasz', email: 'lukasz.nowak@example.pl' },
  { name: 'Kwame Mensah', firstName: 'Kwame', email: 'kwame.mensah@example.com' },
  { name: 'Søren Madsen', firstName: 'Søren', email: 'soren.madsen@example.dk' },
  { name: 'Ana Lúcia Ferreira', firstName: 'Ana', email: 'ana.ferreira@example.br' },
];

/** Sentences in the other person's language, for the relationships whose name is not in Latin script. */
export const OTHER_SCRIPT_LINES: Readonly<Record<string, readonly string[]>> = {
  'ليلى حداد': ['شكراً على جلسة اليوم.', 'سنراجع السيرة الذاتية الأسبوع القادم.', 'الهدف: عرض تقديمي واضح وقصير.'],
  '陈伟 (Chen Wei)': ['下次讨论晋升计划。', '这周的进展很好！', '记得准备设计评审。'],
};

export const SLOTS: Readonly<Record<string, readonly string[]>> = {
  project: [
    'the billing migration',
    'the search rewrite',
    'the onboarding flow',
    'the data platform RFC',
    'the mobile offline mode',
    'the pricing experiment',
    'the accessibility audit',
    'the observability rollout',
  ],
  team: ['Payments', 'Growth', 'Platform', 'Design Systems', 'Data', 'Mobile', 'Support Tools'],
  book: [
    "'The Manager's Path'",
    "'An Elegant Puzzle'",
    "'Staff Engineer'",
    "'Radical Candor'",
    "'Thinking in Systems'",
    "'Designing Data-Intensive Applications'",
  ],
  event: ['the all-hands', 'the quarterly planning', 'the team offsite', 'the design review', 'the incident review'],
  skill: ['SQL window functions', 'Rust lifetimes', 'Kubernetes operators', 'TypeScript generics', 'Figma prototyping'],
};

type GoalCategory = Goal['category'];

export interface GoalTemplate {
  category: GoalCategory;
  title: string;
  why: string;
  successCriteria: string;
  milestones: readonly string[];
  /** Agenda items about this goal. */
  topics: readonly string[];
  actions: readonly string[];
  takeaways: readonly string[];
  /** Sentences a note about this goal might contain. */
  notes: readonly string[];
}

export const GOALS: readonly GoalTemplate[] = [
  {
    category: 'career',
    title: 'Get promoted to Senior Engineer',
    why: 'Feedback says the delivery is already at senior level, but the influence beyond the team is not yet visible. The title should match the scope, and it opens the door to tech lead roles.',
    successCriteria:
      'Promotion packet submitted in the spring cycle with three projects showing cross-team impact; manager and skip-level both sponsor it.',
    milestones: [
      'Agree on the written promotion criteria with the manager',
      'Lead the design review for {project}',
      'Draft the promotion packet',
      'Collect peer feedback from three teams',
      'Packet submitted in the promotion cycle',
    ],
    topics: [
      'Promotion criteria: which gaps remain?',
      'Rehearse the promotion pitch',
      'How to show impact beyond the {team} team',
      'Debrief of the skip-level 1:1',
      'Is {project} promotion-sized?',
      'Promotion timeline and who decides',
    ],
    actions: [
      'Ask the manager for the senior-level rubric in writing',
      'Draft the impact section of the promotion packet',
      'Book a skip-level 1:1 about visibility',
      'Send the {project} design doc to two staff engineers for review',
      'Write down one win every Friday',
    ],
    takeaways: [
      'Impact is what others can repeat without you in the room',
      'Keep a brag document; the promotion packet writes itself',
      'A sponsor talks about you in rooms you are not in',
      'Ask for the promotion explicitly, in writing, with dates',
    ],
    notes: [
      'The promotion conversation with the manager went better than expected: there is a path, but it needs one visible cross-team project.',
      'We listed the evidence for the promotion packet and the gaps are mostly about influence, not delivery.',
      'Worry: asking for a promotion sounds entitled. We reframed it as asking for clarity.',
    ],
  },
  {
    category: 'career',
    title: 'Prepare a job search and land an offer',
    why: 'After four years in the same company: time for a bigger scope and a better-paid role, ideally in a product company with a strong engineering culture.',
    successCriteria:
      'A résumé rewritten around outcomes, ten applications to companies on the shortlist, and at least one offer that meets the salary floor.',
    milestones: [
      'Rewrite the résumé around outcomes',
      'Shortlist of fifteen companies',
      'Five mock interviews done',
      'First on-site interview',
      'Offer accepted',
    ],
    topics: [
      'Résumé review: outcomes, not duties',
      'Mock system design interview',
      'Which companies are on the shortlist and why?',
      'How to explain leaving after four years',
      'Offer negotiation: what is negotiable?',
      'LinkedIn profile and cover letter',
    ],
    actions: [
      'Rewrite the three latest roles on the résumé with numbers',
      'Do two mock interviews with ex-colleagues',
      'Ask three people for referrals at shortlisted companies',
      'Prepare a one-minute story for "why are you leaving?"',
      'Write down the salary floor and the walk-away point',
    ],
    takeaways: [
      'A résumé bullet needs a verb, a number and a why',
      'Negotiate after the offer, never before',
      'Referrals beat cold applications by a wide margin',
      'Interviews are a two-way evaluation; prepare questions too',
    ],
    notes: [
      'We went through the résumé line by line; most bullets describe duties, not results.',
      'The mock interview went well until capacity estimation. Practise back-of-the-envelope numbers.',
      'A recruiter called out of the blue and it was a bit of a panic. We agreed on a script for first calls.',
    ],
  },
  {
    category: 'career',
    title: 'Move from engineering into product management',
    why: 'The discovery part of projects is the most enjoyable, and customer calls keep pulling in anyway. Product management would make that the job.',
    successCriteria:
      'Own the roadmap of one product area for a quarter, with a PM title or an agreed transition plan signed off by both managers.',
    milestones: [
      'Shadow a PM for two weeks',
      'Run five customer interviews',
      'Write a product brief for {project}',
      'Agree on a transition plan with both managers',
    ],
    topics: [
      'What does a PM actually do all day?',
      'Customer interview debrief',
      'Product brief feedback',
      'How to pitch the transition to the manager',
      'Prioritisation frameworks: RICE or opportunity solution trees?',
    ],
    actions: [
      'Ask the {team} PM to shadow their planning week',
      'Schedule five customer interviews with Support',
      'Draft the product brief and share it for comments',
      'Read the chapter on discovery in "Inspired"',
    ],
    takeaways: [
      'Fall in love with the problem, not the solution',
      'A PM earns trust by saying no with reasons',
      'Write the press release before the spec',
    ],
    notes: [
      'The customer interviews showed that the real pain is onboarding, not reporting. Good instinct to dig there.',
      'We talked about the fear of losing technical credibility after switching to product.',
    ],
  },
  {
    category: 'career',
    title: 'Become an engineering manager',
    why: 'Already mentoring two juniors and running the team rituals. The question is whether managing full time is the right next step.',
    successCriteria:
      'Lead a team of four for six months as interim manager, with positive feedback from the reports and a decision to continue or go back.',
    milestones: [
      'Run 1:1s with two team members for a quarter',
      'Take over sprint planning',
      'Interim manager role agreed',
      'Six-month retrospective on the manager path',
    ],
    topics: [
      'First 1:1s: what to ask and what to avoid',
      'Delegating without dropping the ball',
      'Giving hard feedback to a former peer',
      'Manager or staff engineer: pros and cons',
      'Hiring loop: how to evaluate candidates fairly',
    ],
    actions: [
      'Write a 1:1 template and try it with two reports',
      'Delegate the release coordination for one sprint',
      'Read {book}',
      'Ask the current manager what they would do differently',
    ],
    takeaways: [
      'Your output is the output of your team',
      'Feedback lands better when it is specific and timely',
      'Delegate outcomes, not tasks',
      'Protect your calendar or others will fill it',
    ],
    notes: [
      'The first 1:1s felt awkward and were mostly monologues. Next time, ask more and wait longer.',
      'Hard conversation with a former peer about missed deadlines. It went OK because it was private and specific.',
    ],
  },
  {
    category: 'personal-growth',
    title: 'Speak up earlier in meetings',
    why: 'The answer is often there, but it comes out at the end of a meeting, when decisions are already made.',
    successCriteria:
      'Share a view in the first ten minutes of the weekly architecture meeting at least three times a month, and get feedback that it helped.',
    milestones: [
      'Notice the moments of hesitation for two weeks',
      'Prepare one point before each meeting',
      'Speak first in the architecture meeting',
      'Ask a trusted colleague for feedback',
    ],
    topics: [
      'What stops you from speaking up?',
      'Architecture meeting: what happened this week?',
      'Preparing one sentence before the meeting',
      'Disagreeing with a senior colleague in public',
    ],
    actions: [
      'Write one point to raise before each architecture meeting',
      'Ask a colleague to give a nod when you should jump in',
      'Note each time you held back and why',
    ],
    takeaways: [
      'An unfinished thought shared early beats a perfect one shared late',
      'Asking a question is a way to speak up too',
      'Silence is often read as agreement',
    ],
    notes: [
      'Spoke first in the architecture meeting this week! The idea was picked up immediately.',
      'We practised the phrase "I see it differently, can I add something?" It felt silly but it works.',
    ],
  },
  {
    category: 'personal-growth',
    title: 'Set boundaries and stop working weekends',
    why: 'The last release came close to burnout. Weekends were spent on Slack and sleep suffered.',
    successCriteria:
      'No work messages on weekends for two months, on-call excepted, and an honest "I am OK" at each check-in.',
    milestones: [
      'Turn off Slack notifications outside working hours',
      'Tell the team about the new working hours',
      'First weekend fully offline',
      'Two months without weekend work',
    ],
    topics: [
      'How are you sleeping?',
      'Weekend work: what pulled you in this time?',
      'Saying no to the extra project',
      'Energy check: what gives energy, what drains it?',
    ],
    actions: [
      'Set Slack to do-not-disturb from 19:00 and on weekends',
      'Plan something offline for Saturday',
      'Tell the manager about the workload honestly',
    ],
    takeaways: [
      'Rest is part of the work, not a reward for it',
      'A boundary you do not state is only a wish',
      'Urgent for others is not always urgent for you',
    ],
    notes: [
      'First fully offline weekend. Monday felt lighter, not heavier. 🌱',
      'The workload conversation with the manager is still pending; the fear is being seen as not committed.',
    ],
  },
  {
    category: 'personal-growth',
    title: 'Build confidence presenting to executives',
    why: 'Quarterly reviews with the leadership team end in a freeze, and the work gets undersold.',
    successCriteria:
      'Present the quarterly review of the {team} team without notes, keep to ten minutes, and answer questions calmly.',
    milestones: [
      'Record a practice run and watch it',
      'Restructure the deck: answer first',
      'Dry run with the manager',
      'Present at the quarterly review',
    ],
    topics: [
      'Deck review: answer first, details later',
      'Handling tough questions from executives',
      'Debrief of the leadership review',
      'Breathing and pacing before a talk',
    ],
    actions: [
      'Record a five-minute practice run',
      'Cut the deck to seven slides',
      'Ask the manager for a dry run on Thursday',
    ],
    takeaways: [
      'Executives want the decision you need, then the evidence',
      '"I do not know yet, I will come back by Friday" is a complete answer',
      'Practise the first thirty seconds until they are automatic',
    ],
    notes: [
      'The dry run was too long; we moved the ask to the first slide.',
      'The leadership review went well. The CTO asked a follow-up question, which first felt like criticism but was curiosity.',
    ],
  },
  {
    category: 'personal-growth',
    title: 'Handle conflict with a peer constructively',
    why: 'A long-running disagreement with a peer on the {team} team is slowing both teams down.',
    successCriteria: 'A working agreement with the peer, written down, and a joint retro where both say it improved.',
    milestones: [
      'Describe the conflict without blame',
      'One-to-one conversation with the peer',
      'Written working agreement',
      'Joint retrospective',
    ],
    topics: [
      'What does the other side need?',
      'Rehearse the conversation with the peer',
      'How did the conversation go?',
      'When to escalate and when not to',
    ],
    actions: [
      'Write the conflict down in facts, without adjectives',
      'Invite the peer for a coffee, not a meeting',
      'Draft a working agreement and share it',
    ],
    takeaways: [
      'Assume positive intent until proven otherwise',
      'Describe behaviour and impact, not character',
      'Agreements written down survive reorgs',
    ],
    notes: [
      'The coffee with the peer cleared up a misunderstanding about ownership of {project}.',
      'Still tense, but both agreed to a weekly sync. Small step.',
    ],
  },
  {
    category: 'skill',
    title: 'Learn system design for distributed systems',
    why: 'Design reviews on {project} get hard to follow when they reach consistency and failure modes.',
    successCriteria:
      'Lead one design review on a distributed component and explain the trade-offs (consistency, latency, failure handling) without help.',
    milestones: [
      'Read the first part of {book}',
      'Write a design doc for a small service',
      'Review two design docs from other teams',
      'Lead a design review',
    ],
    topics: [
      'Consistency models: what does the billing service need?',
      'Walk through the design doc draft',
      'Idempotency and retries in practice',
      'Queues or direct calls for {project}?',
      'Failure modes: what happens when the database is slow?',
    ],
    actions: [
      'Read two chapters of {book}',
      'Draw the data flow of {project} on one page',
      'Comment on the caching design doc from the {team} team',
    ],
    takeaways: [
      'Every retry needs an idempotency key',
      'Start a design from the failure modes, not the happy path',
      'Name the trade-off you chose and the one you gave up',
    ],
    notes: [
      'We drew the write path of {project} together; the race between the two consumers was not obvious before.',
      'Good questions about backpressure today. Next: read about circuit breakers.',
    ],
  },
  {
    category: 'skill',
    title: 'Get comfortable with data analysis in SQL and Python',
    why: 'Product decisions on the {team} team depend on data that still needs someone else to query it.',
    successCriteria:
      'Answer three real product questions with own queries and a notebook, reviewed by the data team without major corrections.',
    milestones: ['Finish the SQL course', 'First dashboard', 'Notebook reviewed by the data team'],
    topics: [
      'SQL practice: window functions',
      'Which question should the first dashboard answer?',
      'Notebook review',
      'Statistics basics: averages lie',
    ],
    actions: [
      'Finish two modules of the SQL course',
      'Ask the data team for read access to the warehouse',
      'Rebuild the activation funnel query',
    ],
    takeaways: [
      'Look at the distribution before trusting the mean',
      'Write the question before writing the query',
      'Name your CTEs like functions',
    ],
    notes: ['The funnel query double-counted users with two devices. Good lesson in checking joins.'],
  },
  {
    category: 'skill',
    title: 'Write clearer design documents',
    why: 'The current design docs get long comment threads because readers cannot find the decision.',
    successCriteria:
      'The next two design docs get approved with fewer than ten comments each, and readers can state the decision after one read.',
    milestones: ['Adopt a design doc template', 'Rewrite an old doc with the template', 'Two docs approved quickly'],
    topics: [
      'Design doc review: where is the decision?',
      'Writing for skimmers: headings and summaries',
      'Alternatives considered: how much detail?',
    ],
    actions: [
      'Write a one-paragraph summary at the top of the current doc',
      'Ask a reader to explain the decision back after reading',
      'Collect three good design docs as examples',
    ],
    takeaways: [
      'Put the decision in the first paragraph',
      'Short sentences survive translation and tired readers',
      'Every section should answer a question a reviewer asked before',
    ],
    notes: ['The rewritten doc had a summary a manager could read in a minute. The comments dropped to four.'],
  },
  {
    category: 'skill',
    title: 'Give a talk at a conference',
    why: 'The lessons from {project} are worth sharing, and an external profile helps the next career step.',
    successCriteria: 'A proposal accepted at a regional conference and the talk delivered, with the recording online.',
    milestones: [
      'Pick the topic and write the abstract',
      'Submit three proposals',
      'Give the talk internally first',
      'Deliver the talk at the conference 🎤',
    ],
    topics: [
      'Talk topic brainstorm',
      'Abstract review',
      'Slides: story before details',
      'Practice run feedback',
      'Handling nerves on stage',
    ],
    actions: [
      'Write the abstract and send it for feedback',
      'Submit to three calls for papers',
      'Book a room for the internal practice run',
    ],
    takeaways: [
      'A talk is one idea, told three times',
      'The audience wants you to succeed',
      'Live demos need a recorded backup',
    ],
    notes: ['The internal run was great; cut the architecture slide and tell the outage story earlier.'],
  },
  {
    category: 'network',
    title: 'Build a network in the climate-tech industry',
    why: 'The plan is to move into climate tech within two years, and nobody there knows the work yet.',
    successCriteria:
      'Twenty meaningful conversations with people in climate tech, and two warm introductions to hiring managers.',
    milestones: [
      'Join two climate-tech communities',
      'Ten coffee chats',
      'Attend a climate-tech meetup',
      'Two warm introductions',
    ],
    topics: [
      'Who to reach out to first?',
      'Coffee chat debriefs',
      'How to ask for an introduction without being pushy',
      'Climate-tech meetup: what did you learn?',
    ],
    actions: [
      'Send three coffee chat invitations',
      'Write a short intro message that others can forward',
      'Sign up for the climate-tech meetup',
    ],
    takeaways: [
      'Give before you ask: share an article, an introduction, a thank-you',
      'A forwardable intro email saves everyone time',
      'Follow up within two days or the thread dies',
    ],
    notes: ['Three coffee chats this month; the energy-storage startup is hiring backend engineers.'],
  },
  {
    category: 'network',
    title: 'Find a sponsor outside the immediate org',
    why: 'Everyone who knows the work sits in the same org; a reorg would leave nobody to vouch for it.',
    successCriteria:
      'A senior person outside the org who knows the work and has offered a recommendation for a stretch role.',
    milestones: ['Map the senior people who touch the work', 'Present at another org’s review', 'A sponsor agreed'],
    topics: [
      'Who already knows your work?',
      'Sponsor versus mentor: what is the difference?',
      'Getting onto the agenda of the {team} review',
    ],
    actions: [
      'List five senior people who benefit from the work',
      'Offer to present {project} at the {team} review',
      'Send a short update to the director after the launch',
    ],
    takeaways: [
      'Sponsors bet their reputation; make the bet easy',
      'Visibility is a by-product of being useful to others',
    ],
    notes: ['The director of {team} asked for the deck afterwards. That is a good sign.'],
  },
  {
    category: 'network',
    title: 'Contribute to an open-source community',
    why: 'Learn from people outside the company and build a public track record.',
    successCriteria: 'Five merged pull requests in one project and a role as a regular reviewer.',
    milestones: [
      'Pick a project and read its contribution guide',
      'First merged pull request',
      'Five merged pull requests',
    ],
    topics: [
      'Which project and why?',
      'First pull request review feedback',
      'Time budget for open source',
      'Talking to maintainers',
    ],
    actions: ['Pick three good-first-issues', 'Open the first pull request', 'Join the community call this month'],
    takeaways: [
      'Read the contributing guide twice before the first PR',
      'Small pull requests get merged; big ones get discussed',
    ],
    notes: ['The first PR was merged after two rounds of review. The maintainer asked for more tests — fair.'],
  },
];

/** Agenda items not tied to a goal. */
export const GENERIC_TOPICS: readonly string[] = [
  'How was your week? Highs and lows',
  'Wins since last time 🎉',
  'Anything blocking you right now?',
  'Feedback on our last session',
  'Reading: {book}',
  'Team reorg: what it means for you',
  'Quarter planning on the {team} team',
  'Is the conference worth going to?',
  'On-call fatigue',
  'Preparing for {event}',
  'Follow-up from {event}',
  'Learning plan: {skill}',
  'A difficult conversation coming up',
  'Workload and priorities',
  'Open questions from last time',
  'Hiring: interview loop feedback',
  'Side project: keep it or drop it?',
  'How to say no to a meeting',
  'Performance review season: self-assessment',
  'Budget for training and courses',
  'A mistake last week and what to learn from it',
  'Working with the new manager',
  'Remote work: staying visible',
  'Time management: where did the week go?',
  'Questions about {skill}',
  'Retro of {project}',
  // Markup-like text belongs in real notes too; views must show it as text.
  'Review the <img onerror> bug write-up',
];

export const TEMPLATE_TOPICS: Readonly<Record<AgendaTemplateId, readonly string[]>> = {
  'first-session': [
    'Introductions and backgrounds',
    'What do you want from this mentorship?',
    'Agree on cadence, channels and boundaries',
    'Confidentiality: what stays between us',
    'Pick two or three goals to start with',
  ],
  'check-in': ['Check-in: is this relationship working for both of us?', 'What should we do more of, or less of?'],
  'goal-review': [
    'Goal review: progress on each goal',
    'Are our goals still the right ones?',
    'Milestones due this quarter',
  ],
  retrospective: ['Year in review: what changed?', 'Renew or adjust the agreement', 'What should next year focus on?'],
};

export const GENERIC_TAKEAWAYS: readonly string[] = [
  'Write the question down before the session',
  'Progress is easier to see on paper than in memory',
  'Done is better than perfect for a first draft',
  'Ask for feedback on one specific thing, not "any feedback?"',
  'Block focus time in the calendar before someone else takes it',
  'Say what you need; people cannot guess',
  'Small weekly steps beat heroic weekends',
  'Name the decision you need before the meeting starts',
  'Disagree in private first, then in public if needed',
  'Write the follow-up email the same day',
  'Energy is a better planning unit than hours',
  'Ask "what would make this easy?" before "how do I do this?"',
  'Your manager is not a mind reader',
  'Keep a list of questions to bring next time',
  'Rejections are data, not verdicts',
];

export const GENERIC_ACTIONS: readonly string[] = [
  'Share the slides from {event}',
  'Send the article about {skill}',
  'Introduction to someone on the {team} team',
  'Read one chapter of {book}',
  'Block two hours of focus time each week',
  'Prepare questions for {event}',
  'Write a short summary of the week for the manager',
  'Try the 1:1 template from the session',
  'Ask for feedback on the last presentation',
  'Update the goals document with the new dates',
  'Find two people who did this career move and ask them about it',
  'Set up a recurring hour for learning {skill}',
  'Send the agenda for next time a day early',
];

export const NOTE_OPENERS: readonly string[] = [
  '{name} came in energised after {event}.',
  'Short session today; {name} was tired after the release.',
  'We spent most of the time on one topic, which was the right call.',
  'Good session. {name} arrived with a clear list.',
  'Slow start; the week had been rough on the {team} team.',
  'We started ten minutes late because of {event}.',
];

export const NOTE_REFLECTIONS: readonly string[] = [
  'I talked too much again. Next time: ask, then wait.',
  'Noticed a pattern: the hard topics come up in the last five minutes.',
  'Remember to celebrate the small wins; they are easy to skip.',
  'I should share my own failure with {project}; it would help here.',
  'Energy was high when we talked about {skill}.',
  'Worth checking whether the goals still feel like theirs and not mine.',
];

/** How a note comments on an agenda item: `On “<item>”: <reaction>`. */
export const ITEM_REACTIONS: readonly string[] = [
  'good progress, keep going.',
  'still stuck; we looked for a smaller first step.',
  'agreed to come back to it in a month.',
  '{name} already had a plan; I mostly listened.',
  'we disagreed a little, which was useful.',
  'needs a decision by the end of the week.',
  'parked until after {event}.',
  'turned out to be the real topic of the day.',
  'quick one, nothing new.',
  'good question, no good answer yet.',
];

export const NOTE_CLOSERS: readonly string[] = [
  'Next time: follow up on the open action items first.',
  'Next time: start with wins, then blockers.',
  'Agreed to keep the next session short and focused.',
  'We will pick this up again in two weeks.',
];

export const CANCELLED_REASONS: readonly string[] = [
  '{name} was ill.',
  'Release day; both of us were swamped.',
  'Public holiday.',
  'I was travelling.',
  'Clashed with {event}.',
];

export const FEEDBACK: Readonly<Record<'me' | 'them', readonly { strengths: string; improvements: string }[]>> = {
  me: [
    {
      strengths: 'Came prepared with a clear agenda and updates on every action item.',
      improvements: 'Bring one concrete example when asking for advice.',
    },
    {
      strengths: 'Honest about what did not work this week.',
      improvements: 'Decide on the next step before the session ends.',
    },
    {
      strengths: 'Followed through on everything from last time.',
      improvements: 'Push back more when you disagree with me.',
    },
  ],
  them: [
    {
      strengths: 'Good questions; I left with a plan instead of just advice.',
      improvements: 'Sometimes the session runs over; let us keep to time.',
    },
    {
      strengths: 'Sharing your own mistakes made it easier to talk about mine.',
      improvements: 'I would like more direct feedback on my drafts.',
    },
    {
      strengths: 'You remembered details from weeks ago. That felt like being listened to.',
      improvements: 'Could we spend less time on updates and more on the hard topic?',
    },
  ],
};

export const CHECK_IN_NOTES: readonly string[] = [
  'Steady progress. The rhythm works.',
  'Feels a bit like status updates lately; we need a harder topic.',
  'Great month. The promotion topic brought energy back.',
  'Scheduling has been painful; maybe move to biweekly?',
  'We trust each other more now. Conversations are more honest.',
  '',
];

export const FREE_WINS: readonly string[] = [
  'Shipped {project} without an incident 🚀',
  'Got a thank-you note from the VP',
  'Finished {book}',
  'First week fully offline on holiday 🏖️',
  'Ran the retro for the whole {team} team',
];

export const REVISIONS: readonly { change: string; why: string }[] = [
  { change: 'Target date moved back by a quarter', why: 'The reorg took two months of focus; the goal still matters.' },
  { change: 'Success criteria made measurable', why: 'The old wording could not be checked; now it can.' },
  { change: 'Scope narrowed to one team', why: 'Trying to cover three teams at once spread the effort too thin.' },
  { change: 'Milestone added for feedback from peers', why: 'We kept guessing how the work is seen; ask instead.' },
];

export interface Archetype {
  myRole: Role;
  /** Key of the cadence rule in the generator's rule table. */
  rule: 'weekly' | 'biweekly' | 'monthly' | 'twice-weekly' | 'every-3-weeks' | 'first-monday';
  sessionMinutes: number;
  channels: readonly Channel[];
  status: 'active' | 'paused' | 'ended';
}

/**
 * The relationships of a busy mentor and mentee, cycled by index. Twice-weekly pairs (a career switch,
 * an onboarding) offset the monthly and three-weekly ones, so the first ten average about weekly.
 */
export const ARCHETYPES: readonly Archetype[] = [
  { myRole: 'mentee', rule: 'weekly', sessionMinutes: 45, channels: ['video'], status: 'active' },
  { myRole: 'mentor', rule: 'twice-weekly', sessionMinutes: 30, channels: ['video', 'chat'], status: 'active' },
  { myRole: 'mentor', rule: 'weekly', sessionMinutes: 60, channels: ['video', 'email'], status: 'active' },
  { myRole: 'mentor', rule: 'biweekly', sessionMinutes: 45, channels: ['in-person', 'chat'], status: 'active' },
  { myRole: 'mentee', rule: 'weekly', sessionMinutes: 30, channels: ['video'], status: 'paused' },
  { myRole: 'mentor', rule: 'monthly', sessionMinutes: 60, channels: ['phone', 'email'], status: 'active' },
  { myRole: 'mentor', rule: 'twice-weekly', sessionMinutes: 30, channels: ['video', 'chat'], status: 'active' },
  { myRole: 'mentee', rule: 'weekly', sessionMinutes: 45, channels: ['video'], status: 'ended' },
  { myRole: 'mentor', rule: 'every-3-weeks', sessionMinutes: 60, channels: ['video', 'in-person'], status: 'active' },
  { myRole: 'mentee', rule: 'weekly', sessionMinutes: 45, channels: ['video', 'chat'], status: 'active' },
  { myRole: 'mentor', rule: 'first-monday', sessionMinutes: 60, channels: ['video'], status: 'active' },
  { myRole: 'mentee', rule: 'biweekly', sessionMinutes: 30, channels: ['phone'], status: 'active' },
];

export const ROLES: Readonly<Record<Role, string>> = {
  mentor: 'Listens, asks questions, shares experience and contacts; does not make decisions for the mentee.',
  mentee: 'Sets the agenda, owns the goals, follows up on action items.',
};

export const EXPECTATIONS: Readonly<Record<Role, readonly string[]>> = {
  mentor: [
    'Honest feedback, even when it is uncomfortable.',
    'Introductions to people in the network when useful.',
    'Being on time and reading the agenda beforehand.',
  ],
  mentee: [
    'An agenda shared the day before.',
    'Action items done or renegotiated, not silently dropped.',
    'Telling the mentor when a session is not useful.',
  ],
};

export const BOUNDARIES: readonly string[] = [
  'Replies within 2 working days',
  'No salary negotiation coaching',
  'Nothing discussed goes to managers without consent',
  'Cancel at least 24 hours ahead',
  'No messages on weekends',
  'Personal topics only if the mentee brings them up',
];
