-- 060_placements: placement places (terrains de stage) and the students and
-- interns welcomed there: assignments, allowance schemes and payments,
-- housing, vehicles, and where former trainees settled.
-- Dates are ISO text 'YYYY-MM-DD'; a semester is named by its first month:
-- 'YYYY-05' (May-October) or 'YYYY-11' (November-April).  Money in cents.
CREATE TABLE place (
  id          INTEGER PRIMARY KEY,
  structure   TEXT NOT NULL,                 -- cabinet, MSP, centre, hôpital
  commune     TEXT NOT NULL,                 -- INSEE code
  address     TEXT,
  supervisor  TEXT NOT NULL,                 -- maître de stage universitaire
  level       TEXT NOT NULL CHECK (level IN
                ('externe', 'interne_mg', 'docteur_junior', 'paramedical')),
  capacity    INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 50),
  note        TEXT
);

-- A place opened for one semester, with that semester's capacity.
CREATE TABLE place_semester (
  place_id    INTEGER NOT NULL REFERENCES place(id) ON DELETE CASCADE,
  semester    TEXT NOT NULL,
  capacity    INTEGER NOT NULL CHECK (capacity BETWEEN 0 AND 50),
  PRIMARY KEY (place_id, semester)
);

CREATE TABLE trainee (
  id          INTEGER PRIMARY KEY,
  first_name  TEXT NOT NULL,
  last_name   TEXT NOT NULL,
  email       TEXT,
  phone       TEXT,
  school      TEXT NOT NULL,                 -- faculté, IFSI, école
  level       TEXT NOT NULL CHECK (level IN
                ('externe', 'interne_mg', 'docteur_junior', 'paramedical')),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE assignment (
  id          INTEGER PRIMARY KEY,
  trainee_id  INTEGER NOT NULL REFERENCES trainee(id) ON DELETE CASCADE,
  place_id    INTEGER NOT NULL REFERENCES place(id) ON DELETE RESTRICT,
  semester    TEXT NOT NULL,                 -- computed from start_on
  start_on    TEXT NOT NULL,
  end_on      TEXT NOT NULL CHECK (end_on >= start_on)
);
CREATE INDEX assignment_by_place ON assignment(place_id, semester);
CREATE INDEX assignment_by_trainee ON assignment(trainee_id);

-- Allowance schemes: an amount per month of placement, for the levels and
-- the département (of the place's commune) it applies to.
CREATE TABLE allowance_scheme (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  funder        TEXT NOT NULL,
  dep           TEXT,                        -- NULL: any département
  levels        TEXT NOT NULL,               -- comma list of levels, or '*'
  monthly_cents INTEGER NOT NULL CHECK (monthly_cents > 0),
  valid_from    TEXT,
  valid_to      TEXT,
  source        TEXT
);

CREATE TABLE allowance_payment (
  id            INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES assignment(id) ON DELETE CASCADE,
  scheme_id     INTEGER NOT NULL REFERENCES allowance_scheme(id),
  amount_cents  INTEGER NOT NULL CHECK (amount_cents > 0),
  paid_on       TEXT NOT NULL,
  reference     TEXT
);
CREATE INDEX allowance_payment_by_assignment ON allowance_payment(assignment_id);

CREATE TABLE housing (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  commune     TEXT NOT NULL,
  address     TEXT,
  note        TEXT
);

CREATE TABLE housing_room (
  id            INTEGER PRIMARY KEY,
  housing_id    INTEGER NOT NULL REFERENCES housing(id) ON DELETE CASCADE,
  label         TEXT NOT NULL,
  rent_cents    INTEGER NOT NULL CHECK (rent_cents >= 0),   -- per month
  UNIQUE (housing_id, label)
);

CREATE TABLE room_booking (
  id          INTEGER PRIMARY KEY,
  room_id     INTEGER NOT NULL REFERENCES housing_room(id) ON DELETE CASCADE,
  trainee_id  INTEGER NOT NULL REFERENCES trainee(id) ON DELETE CASCADE,
  start_on    TEXT NOT NULL,
  end_on      TEXT NOT NULL CHECK (end_on >= start_on)
);
CREATE INDEX room_booking_by_room ON room_booking(room_id, start_on);

CREATE TABLE vehicle (
  id          INTEGER PRIMARY KEY,
  label       TEXT NOT NULL,
  plate       TEXT NOT NULL UNIQUE,
  commune     TEXT,
  note        TEXT
);

CREATE TABLE vehicle_booking (
  id          INTEGER PRIMARY KEY,
  vehicle_id  INTEGER NOT NULL REFERENCES vehicle(id) ON DELETE CASCADE,
  trainee_id  INTEGER NOT NULL REFERENCES trainee(id) ON DELETE CASCADE,
  start_on    TEXT NOT NULL,
  end_on      TEXT NOT NULL CHECK (end_on >= start_on)
);
CREATE INDEX vehicle_booking_by_vehicle ON vehicle_booking(vehicle_id, start_on);

-- Where a former trainee settled, if known (one row per trainee).
CREATE TABLE trainee_outcome (
  trainee_id  INTEGER PRIMARY KEY REFERENCES trainee(id) ON DELETE CASCADE,
  settled     INTEGER NOT NULL CHECK (settled IN (0, 1)),
  commune     TEXT,                          -- where, when settled
  settled_on  TEXT,
  case_ref    TEXT,                          -- guichet unique request, if any
  note        TEXT,
  updated_on  TEXT NOT NULL
);
