-- Live statistics that cost nothing per viewer: what a full recount over every movement would give is kept
-- up to date in the transaction of each movement, so a snapshot reads a few hundred rows, not a million.

-- Per attendee (the row every scan already locks, so no new contention): whether their latest movement is an
-- entry, when that movement happened, and their latest entry (for "today"). An annulment recomputes them.
ALTER TABLE attendee ADD COLUMN inside BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE attendee ADD COLUMN last_moved_at TIMESTAMPTZ;
ALTER TABLE attendee ADD COLUMN last_entry_at TIMESTAMPTZ;

UPDATE attendee a SET inside = latest.direction = 'entry', last_moved_at = latest.checked_in_at
FROM (SELECT DISTINCT ON (attendee_id) attendee_id, direction, checked_in_at FROM check_in
      WHERE annulled_at IS NULL ORDER BY attendee_id, checked_in_at DESC, id DESC) latest
WHERE latest.attendee_id = a.id;
UPDATE attendee a SET last_entry_at = entries.at
FROM (SELECT attendee_id, max(checked_in_at) AS at FROM check_in
      WHERE annulled_at IS NULL AND direction = 'entry' GROUP BY attendee_id) entries
WHERE entries.attendee_id = a.id;
CREATE INDEX attendee_inside ON attendee (conference_id) WHERE inside;

-- Counts by conference, metric and dimension:
--   entries        dimension = station, bucket = the 15-minute slot of the entry (arrivals by station over time)
--   door_admitted, door_refused   dimension = product
--   refused        dimension = reason (refused scans from the scan log)
-- ticket_type is the attendee's ticket type slug ('' when unknown), so the dashboard can filter by it.
-- Movements append +1/-1 rows to tally_delta (no row is updated by two scanners, so 64 of them never wait on
-- each other); a scheduled fold moves them into tally. A reader sums both in one statement (one snapshot), so
-- it is exact whether a fold has run or not.
CREATE TABLE tally (
    conference_id BIGINT      NOT NULL,
    metric        TEXT        NOT NULL,
    ticket_type   TEXT        NOT NULL,
    dimension     TEXT        NOT NULL,
    bucket        TIMESTAMPTZ NOT NULL,
    value         BIGINT      NOT NULL,
    PRIMARY KEY (conference_id, metric, ticket_type, dimension, bucket)
);
CREATE TABLE tally_delta (
    id            BIGSERIAL   PRIMARY KEY,
    conference_id BIGINT      NOT NULL,
    metric        TEXT        NOT NULL,
    ticket_type   TEXT        NOT NULL,
    dimension     TEXT        NOT NULL,
    bucket        TIMESTAMPTZ NOT NULL,
    value         BIGINT      NOT NULL
);
CREATE INDEX tally_delta_conference ON tally_delta (conference_id);

-- The attendee's ticket type: the slug of their order's first ticket line (as the preload's ticket_type).
CREATE FUNCTION attendee_ticket_type(order_id BIGINT) RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT li.ticket_type_slug FROM line_item li
                     WHERE li.order_id = $1 AND li.ticket_type_slug IS NOT NULL AND li.addon_slug IS NULL
                     ORDER BY li.id LIMIT 1), '')
$$;

INSERT INTO tally (conference_id, metric, ticket_type, dimension, bucket, value)
SELECT c.conference_id, 'entries', attendee_ticket_type(a.order_id), coalesce(c.station, ''),
       date_bin('15 minutes', c.checked_in_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*)
FROM check_in c JOIN attendee a ON a.id = c.attendee_id
WHERE c.direction = 'entry' AND c.annulled_at IS NULL
GROUP BY 1, 2, 3, 4, 5;
INSERT INTO tally (conference_id, metric, ticket_type, dimension, bucket, value)
SELECT d.conference_id, CASE WHEN d.admitted THEN 'door_admitted' ELSE 'door_refused' END,
       attendee_ticket_type(a.order_id), d.product_slug, TIMESTAMPTZ 'epoch', count(*)
FROM door_check d JOIN attendee a ON a.id = d.attendee_id
GROUP BY 1, 2, 3, 4, 5;
INSERT INTO tally (conference_id, metric, ticket_type, dimension, bucket, value)
SELECT s.conference_id, 'refused', coalesce(attendee_ticket_type(a.order_id), ''), coalesce(s.reason, 'invalid'),
       TIMESTAMPTZ 'epoch', count(*)
FROM scan_log s LEFT JOIN attendee a ON a.id = s.attendee_id
WHERE s.result = 'refused'
GROUP BY 1, 2, 3, 4, 5;

-- The time of a station's latest entry that still counts, and the 50 latest movements, read from indexes.
CREATE INDEX check_in_station_latest ON check_in (conference_id, station, checked_in_at DESC)
    WHERE direction = 'entry' AND annulled_at IS NULL;
CREATE INDEX check_in_conference_latest ON check_in (conference_id, checked_in_at DESC, id DESC)
    WHERE annulled_at IS NULL;
