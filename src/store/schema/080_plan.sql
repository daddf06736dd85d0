-- 080_plan: the health plan of the territory: actions, yearly budgets,
-- links to what each action funds, spending and output indicators.
-- Money is stored in euro cents (integers: sums are exact).
CREATE TABLE plan_actions (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  objective   TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE plan_budget (
  action_id   INTEGER NOT NULL REFERENCES plan_actions(id) ON DELETE CASCADE,
  year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  cents       INTEGER NOT NULL CHECK (cents >= 0),
  PRIMARY KEY (action_id, year)
) WITHOUT ROWID;

-- What an action funds, by kind and id in the owning module.
CREATE TABLE plan_links (
  id          INTEGER PRIMARY KEY,
  action_id   INTEGER NOT NULL REFERENCES plan_actions(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('aide', 'centre', 'stage', 'evenement')),
  target      TEXT NOT NULL,                  -- id in that module (aid ids are text)
  label       TEXT NOT NULL DEFAULT '',
  UNIQUE (action_id, kind, target)
);

-- Manual spending entries (payments logged by other modules are read
-- through their headers, never copied here).
CREATE TABLE plan_spending (
  id          INTEGER PRIMARY KEY,
  action_id   INTEGER NOT NULL REFERENCES plan_actions(id) ON DELETE CASCADE,
  spent_on    TEXT NOT NULL,                  -- YYYY-MM-DD
  cents       INTEGER NOT NULL CHECK (cents > 0),
  label       TEXT NOT NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX plan_spending_action ON plan_spending(action_id, spent_on);

-- Output indicators entered by the team, per action (or the whole plan
-- when action_id is NULL) and year.
CREATE TABLE plan_outputs (
  id          INTEGER PRIMARY KEY,
  action_id   INTEGER REFERENCES plan_actions(id) ON DELETE CASCADE,
  code        TEXT NOT NULL CHECK (code IN ('installes', 'engagements',
                'etudiants', 'consultations', 'patients-mt')),
  year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  value       INTEGER NOT NULL CHECK (value >= 0),
  UNIQUE (action_id, code, year)
);
