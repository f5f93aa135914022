/**
 * How Tandem marks the Calendar events it created: `extendedProperties.private` entries on the
 * user's own copy (Google allows keys of at most 44 characters and values of at most 1024). Sync
 * finds them with the `privateExtendedProperty` filter (`tandemVersion=1`).
 */

/** The relationship (its local id) whose sessions the series holds. */
export const RELATIONSHIP_KEY = 'tandemRelationship';
/** The tag format, so that a later Tandem can tell which tags it wrote. */
export const VERSION_KEY = 'tandemVersion';
export const TAG_VERSION = '1';

/** The private tags for an event of `relationshipId`. */
export function tandemTags(relationshipId: string): Record<string, string> {
  return { [RELATIONSHIP_KEY]: relationshipId, [VERSION_KEY]: TAG_VERSION };
}

/** `privateExtendedProperty` filter for every event Tandem tagged. */
export const TAGGED_BY_TANDEM: Readonly<Record<string, string>> = { [VERSION_KEY]: TAG_VERSION };
