-- Application schema for the sample runs (executed by the "app" role as rails_migration).
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    email text NOT NULL,
    balance integer NOT NULL DEFAULT 0
);
INSERT INTO accounts (id, email, balance)
SELECT g, 'user' || g || '@example.com', 1000 FROM generate_series(1, 100) AS g;

CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    account_id integer NOT NULL REFERENCES accounts (id),
    status text NOT NULL DEFAULT 'new',
    total numeric(10, 2) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO orders (account_id, total)
SELECT 1 + g % 100, (g % 97) + 0.99 FROM generate_series(1, 1000) AS g;
CREATE INDEX orders_account_id_idx ON orders (account_id);

CREATE TABLE delayed_jobs (
    id bigserial PRIMARY KEY,
    priority integer NOT NULL DEFAULT 0,
    attempts integer NOT NULL DEFAULT 0,
    handler text NOT NULL,
    run_at timestamptz NOT NULL DEFAULT now(),
    locked_at timestamptz,
    locked_by text,
    failed_at timestamptz
);
INSERT INTO delayed_jobs (handler)
SELECT '--- !ruby/object:SendReceiptJob order_id: ' || g FROM generate_series(1, 200) AS g;

CREATE TABLE events (
    id bigserial PRIMARY KEY,
    account_id integer NOT NULL,
    kind text NOT NULL,
    payload text,
    created_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;
