-- check_in_attendee (attendee_id) is a prefix of check_in_attendee_latest (attendee_id, checked_in_at DESC, id DESC):
-- every lookup by attendee (the annulment's recount, its first entry, the statistics' joins, the foreign key's
-- checks) is served by the longer one, and each movement no longer pays a second index write.
DROP INDEX IF EXISTS check_in_attendee;
