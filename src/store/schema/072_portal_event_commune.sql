-- 072_portal_event_commune: where an event takes place, as an INSEE code
-- (optional), so that the portal lists only the instance's territory's
-- events and refuses one held elsewhere (DESIGN.md, "one territory").
ALTER TABLE portal_events ADD COLUMN commune TEXT NOT NULL DEFAULT '';
