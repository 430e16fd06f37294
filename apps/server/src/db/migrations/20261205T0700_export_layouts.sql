-- 出力レイアウト of 集計・出力 (issue 14): a contract's saved layouts of the attendance CSV. The
-- columns are [{"key": "worked", "header": "総労働時間"}, …] in file order; keys and form are
-- checked by the service (packages/domain, ExportLayoutInputSchema) and again here.
CREATE TABLE export_layouts (
  contract_id text NOT NULL REFERENCES contracts (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  columns jsonb NOT NULL CHECK (jsonb_typeof(columns) = 'array' AND jsonb_array_length(columns) BETWEEN 1 AND 60),
  time_format text NOT NULL CHECK (time_format IN ('hmm', 'decimal', 'minutes')),
  encoding text NOT NULL CHECK (encoding IN ('shift_jis', 'utf-8')),
  line_ending text NOT NULL CHECK (line_ending IN ('crlf', 'lf')),
  quoting text NOT NULL CHECK (quoting IN ('minimal', 'all')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, id),
  UNIQUE (contract_id, name)
);
ALTER TABLE export_layouts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON export_layouts TO timecard_app
  USING (contract_id = current_setting('app.contract_id', true))
  WITH CHECK (contract_id = current_setting('app.contract_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON export_layouts TO timecard_app;
