-- Punches recorded by another program through POST /api/v1/punches (issue 14) say so: source 'api'
-- (a clock device's or door system's punch, rounded to shifts like any punched time).
ALTER TABLE punches DROP CONSTRAINT punches_source_check;
ALTER TABLE punches ADD CONSTRAINT punches_source_check
  CHECK (source IN ('web_clock', 'app', 'personal', 'import', 'admin', 'api'));
ALTER TABLE held_punches DROP CONSTRAINT held_punches_source_check;
ALTER TABLE held_punches ADD CONSTRAINT held_punches_source_check
  CHECK (source IN ('web_clock', 'app', 'personal', 'import', 'admin', 'api'));
