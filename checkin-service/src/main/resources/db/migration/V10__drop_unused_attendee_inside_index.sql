-- attendee_inside (conference_id) WHERE inside is read by no query: the statistics count who is inside in their one
-- pass over the conference's attendees (count(*) FILTER (WHERE a.inside)), never through it. Every entry and exit
-- that flips inside wrote it.
DROP INDEX IF EXISTS attendee_inside;
