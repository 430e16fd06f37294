-- The 操作ログ and the punches made tamper-evident (issue 13).
--
-- audit_log already chains its rows by hash per contract; chain_version 2 rows also cover who did
-- it (actor ids and address), so that a row cannot be re-attributed unnoticed. Version 1 rows keep
-- their hash as written.
ALTER TABLE audit_log ADD COLUMN chain_version smallint NOT NULL DEFAULT 1;
CREATE INDEX audit_log_at_idx ON audit_log (contract_id, at);

-- Punches get a chain of their own per staff member: each row's hash covers its content and the
-- previous punch's hash of the same person, in the order chain_seq gives (assigned under a lock
-- per person, so concurrent punches never fork the chain). A row changed or deleted with SQL
-- breaks the chain, and `timecard audit verify` names it. The hash is computed here, in the
-- database, so that every insert path (the batch function, imports, corrections, restores) is
-- covered by construction.
ALTER TABLE punches ADD COLUMN chain_seq integer;
ALTER TABLE punches ADD COLUMN prev_hash text;
ALTER TABLE punches ADD COLUMN row_hash text;

CREATE FUNCTION punch_row_hash(p punches) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    p.contract_id, p.id::text, p.staff_id::text, coalesce(p.office_id::text, ''), p.type,
    (extract(epoch FROM p.punched_at) * 1000000)::bigint::text,
    coalesce((extract(epoch FROM p.device_at) * 1000000)::bigint::text, ''),
    p.work_date::text, p.source, p.idempotency_key, coalesce(p.terminal_id::text, ''),
    coalesce(p.actor_account_id::text, ''), coalesce(p.supersedes_id::text, ''), p.deleted::text,
    coalesce(p.reason, ''), p.flags::text, p.chain_seq::text, coalesce(p.prev_hash, '')
  ), 'UTF8')), 'hex')
$$;

CREATE FUNCTION punch_chain_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('punch-chain:' || NEW.contract_id || ':' || NEW.staff_id));
  SELECT chain_seq, row_hash INTO last FROM punches
    WHERE contract_id = NEW.contract_id AND staff_id = NEW.staff_id AND chain_seq IS NOT NULL
    ORDER BY chain_seq DESC LIMIT 1;
  NEW.chain_seq := coalesce(last.chain_seq, 0) + 1;
  NEW.prev_hash := last.row_hash;
  NEW.row_hash := punch_row_hash(NEW);
  RETURN NEW;
END
$$;

-- The rows written before this migration join the chain in id order.
ALTER TABLE punches DISABLE TRIGGER punches_append_only;
UPDATE punches p SET chain_seq = s.seq
  FROM (SELECT contract_id, id, row_number() OVER (PARTITION BY contract_id, staff_id ORDER BY id) AS seq
        FROM punches) s
  WHERE p.contract_id = s.contract_id AND p.id = s.id;
DO $$
DECLARE
  r record;
  previous text;
  last_key text := '';
BEGIN
  FOR r IN SELECT contract_id, id, staff_id FROM punches ORDER BY contract_id, staff_id, chain_seq LOOP
    IF r.contract_id || ':' || r.staff_id <> last_key THEN
      previous := NULL;
      last_key := r.contract_id || ':' || r.staff_id;
    END IF;
    UPDATE punches SET prev_hash = previous WHERE contract_id = r.contract_id AND id = r.id;
    SELECT punch_row_hash(x) INTO previous FROM punches x WHERE contract_id = r.contract_id AND id = r.id;
    UPDATE punches SET row_hash = previous WHERE contract_id = r.contract_id AND id = r.id;
  END LOOP;
END
$$;
ALTER TABLE punches ENABLE TRIGGER punches_append_only;

ALTER TABLE punches ALTER COLUMN chain_seq SET NOT NULL;
ALTER TABLE punches ALTER COLUMN row_hash SET NOT NULL;
CREATE UNIQUE INDEX punches_chain_idx ON punches (contract_id, staff_id, chain_seq);
CREATE TRIGGER punches_chain BEFORE INSERT ON punches FOR EACH ROW EXECUTE FUNCTION punch_chain_link();
