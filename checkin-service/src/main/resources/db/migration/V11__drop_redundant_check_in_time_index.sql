-- check_in_conference_time (conference_id, checked_in_at) says nothing check_in_conference_latest
-- (conference_id, checked_in_at DESC, id DESC) does not: a B-tree is read either way, so the statistics' latest
-- entries and recent movements, and any range of a conference's movements by time, are served by the longer one.
-- Every movement, online or uploaded, no longer pays a third index write on check_in.
DROP INDEX IF EXISTS check_in_conference_time;
