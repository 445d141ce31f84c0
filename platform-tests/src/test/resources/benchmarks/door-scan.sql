-- pgbench: the statements one admitted scan (POST …/checkin/scan, no nonce) runs in checkin-service, on the
-- benchmark's seeded attendees (the outbox payload is a stand-in of the event's size: pgbench would read the
-- colons of a JSON literal as variables). Its outbox rows are born published: unpublished, check-in's relay
-- would send every one to Kafka (and its consumer read them back) while pgbench runs and through the next phase,
-- taking CPU from both. -D conf=<conference id> -D base=<first seeded id> -D attendees=<how many>.
\set n random(1, :attendees)
\set id :base + :n
SELECT id, slug, name, time_zone, version FROM conference WHERE id = :conf;
BEGIN;
SELECT id, order_id, name, email, version, first_checked_in_at, inside, last_moved_at, last_entry_at
  FROM attendee WHERE conference_id = :conf AND access_code = 'D' || lpad(:n::text, 7, '0') FOR UPDATE;
SELECT o.status, o.conference_id, o.version, l.id, l.ticket_type_slug, l.addon_slug, l.description, l.quantity,
  l.redeemed_count FROM customer_order o LEFT JOIN line_item l ON l.order_id = o.id WHERE o.id = :id ORDER BY l.id;
WITH moved AS (UPDATE attendee SET first_checked_in_at = coalesce(first_checked_in_at, now()), inside = true,
    last_moved_at = now(), last_entry_at = now() WHERE id = :id)
INSERT INTO check_in (attendee_id, conference_id, station, direction, checked_in_at, recorded_at, actor_subject,
  actor_name) VALUES (:id, :conf, 'Door P', 'entry', now(), now(), 'bench', 'Bench') RETURNING id;
INSERT INTO tally_delta (conference_id, metric, ticket_type, dimension, bucket, value)
  VALUES (:conf, 'entries', 'regular', 'Door P', date_trunc('hour', now()), 1);
WITH added AS (INSERT INTO outbox_event (event_id, topic, record_key, event_type, subject, payload, occurred_at,
    published_at)
  VALUES (gen_random_uuid(), 'attendees', (:id)::text, 'attendee.checked-in', 'D0000001',
  repeat('x', 260), now(), now()) RETURNING 1)
SELECT pg_notify('confops_outbox', '') FROM (SELECT 1 FROM added LIMIT 1) AS any_added;
INSERT INTO scan_log (conference_id, scan_type, access_code, attendee_id, result, station, actor_subject,
  actor_name, server_time, checkin_id) VALUES (:conf, 'entry', 'D' || lpad(:n::text, 7, '0'), :id,
  'accepted', 'Door P', 'bench', 'Bench', now(), currval('check_in_id_seq')) RETURNING id;
END;
