-- The punch path in two round trips (ADR 006, bench/punch-load). A batch of punches of one contract
-- is read with punch_batch_context, decided in TypeScript (the state machine lives in
-- packages/domain), then written with punch_batch_insert, which takes the people's punch locks and
-- writes only the punches of people whose latest effective punch is still the one the decision
-- saw; the others come back as "stale" and are decided again. Each call is one statement, so one
-- transaction, and enters the contract itself: row-level security applies to everything they read
-- and write (role timecard_app, app.contract_id). PL/pgSQL keeps their plans between calls.

-- What a batch of punches needs to be checked: the contract's zone and settings, the people
-- (利用設定) and their memberships of the offices named, which offices exist, the punches already
-- recorded under the batch's idempotency keys, and each person's latest effective punch. Keys and people are probed one
-- by one (LATERAL … LIMIT 1), so the plan stays an index probe per key and per person even when
-- the table's statistics are stale. NULL when the contract does not exist.
CREATE FUNCTION punch_batch_context(p_contract text, p_staff int[], p_offices int[], p_keys text[])
RETURNS json LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  result json;
BEGIN
  PERFORM set_config('app.contract_id', p_contract, true), set_config('role', 'timecard_app', true);
  SELECT json_build_object(
    'time_zone', c.time_zone,
    'settings', c.settings::text,
    'staff', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'usage', s.usage)), '[]')
                FROM staff s WHERE s.contract_id = p_contract AND s.id = ANY (p_staff)),
    'memberships', (SELECT coalesce(json_agg(json_build_object('staff_id', so.staff_id, 'office_id', so.office_id)), '[]')
                      FROM staff_offices so
                     WHERE so.contract_id = p_contract AND so.staff_id = ANY (p_staff)
                       AND so.office_id = ANY (p_offices)),
    'office_ids', (SELECT coalesce(json_agg(o.id), '[]')
                     FROM offices o WHERE o.contract_id = p_contract AND o.id = ANY (p_offices)),
    'used', (SELECT coalesce(json_agg(json_build_object(
                      'id', u.id, 'staff_id', u.staff_id, 'type', u.type, 'work_date', u.work_date,
                      'punched_at', floor(extract(epoch FROM u.punched_at) * 1000),
                      'device_at', floor(extract(epoch FROM u.device_at) * 1000),
                      'idempotency_key', u.idempotency_key)), '[]')
               FROM unnest(p_keys) AS k (key)
              CROSS JOIN LATERAL (
                SELECT p.* FROM punches p
                 WHERE p.contract_id = p_contract AND p.idempotency_key = k.key LIMIT 1) AS u),
    'last_punches', (SELECT coalesce(json_agg(json_build_object('staff_id', person.id, 'id', l.id,
                              'type', l.type, 'work_date', l.work_date, 'at', l.at)), '[]')
                       FROM unnest(p_staff) AS person (id)
                      CROSS JOIN LATERAL (
                        SELECT p.id, p.type, p.work_date, floor(extract(epoch FROM p.punched_at) * 1000) AS at
                          FROM punches p
                         WHERE p.contract_id = p_contract AND p.staff_id = person.id AND NOT p.deleted
                           AND NOT EXISTS (SELECT 1 FROM punches n
                                            WHERE n.contract_id = p.contract_id AND n.supersedes_id = p.id)
                         ORDER BY p.punched_at DESC, p.id DESC
                         LIMIT 1) AS l))
    INTO result
    FROM contracts c WHERE c.id = p_contract;
  RETURN result;
END
$$;

-- Writes a decided batch. p_expected: [{staff_id, last_id}] — each person of the batch with the id
-- of the latest effective punch the decision saw (null: none). Under the people's punch locks
-- (ascending staff id, so batches cannot deadlock), a fresh look finds the people whose latest
-- punch has changed since (another server or an administrator wrote meanwhile): their punches are
-- not written and their ids come back in "stale". The other rows are inserted; a row whose
-- idempotency key exists already is skipped (and missing from "inserted").
CREATE FUNCTION punch_batch_insert(p_contract text, p_expected json, p_rows json)
RETURNS json LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  stale int[];
  inserted json;
BEGIN
  PERFORM set_config('app.contract_id', p_contract, true), set_config('role', 'timecard_app', true);
  PERFORM pg_advisory_xact_lock(hashtext(p_contract), e.staff_id)
     FROM (SELECT DISTINCT (x ->> 'staff_id')::int AS staff_id FROM json_array_elements(p_expected) AS x
            ORDER BY 1) AS e;
  -- A new statement: its snapshot sees every punch committed before the locks were granted.
  SELECT coalesce(array_agg(e.staff_id), '{}') INTO stale
    FROM json_to_recordset(p_expected) AS e (staff_id int, last_id bigint)
   WHERE e.last_id IS DISTINCT FROM (
     SELECT p.id FROM punches p
      WHERE p.contract_id = p_contract AND p.staff_id = e.staff_id AND NOT p.deleted
        AND NOT EXISTS (SELECT 1 FROM punches n WHERE n.contract_id = p.contract_id AND n.supersedes_id = p.id)
      ORDER BY p.punched_at DESC, p.id DESC
      LIMIT 1);
  WITH written AS (
    INSERT INTO punches (contract_id, staff_id, office_id, type, punched_at, device_at, work_date, source,
                         idempotency_key, terminal_id, actor_account_id, flags)
    SELECT p_contract, r.staff_id, r.office_id, r.type, r.punched_at, r.device_at, r.work_date, r.source,
           r.idempotency_key, r.terminal_id, r.actor_account_id, r.flags
      FROM json_to_recordset(p_rows) AS r (staff_id int, office_id int, type text, punched_at timestamptz,
             device_at timestamptz, work_date date, source text, idempotency_key text, terminal_id bigint,
             actor_account_id bigint, flags jsonb, ord int)
     WHERE r.staff_id <> ALL (stale)
     ORDER BY r.ord
    ON CONFLICT (contract_id, idempotency_key) DO NOTHING
    RETURNING id, staff_id, type, punched_at, work_date, device_at, idempotency_key)
  SELECT coalesce(json_agg(json_build_object(
           'id', w.id, 'staff_id', w.staff_id, 'type', w.type, 'work_date', w.work_date,
           'punched_at', floor(extract(epoch FROM w.punched_at) * 1000),
           'device_at', floor(extract(epoch FROM w.device_at) * 1000),
           'idempotency_key', w.idempotency_key)), '[]')
    INTO inserted FROM written AS w;
  RETURN json_build_object('stale', to_json(stale), 'inserted', inserted);
END
$$;
