-- The W3C trace context of the request that wrote the event, so the relay's publish and every consumer's apply
-- join that request's trace (empty when tracing is off or the change came from no traced request).
ALTER TABLE outbox_event ADD COLUMN traceparent text;
