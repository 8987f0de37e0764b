-- off-outage: a small Spree-like shop (Open Food Network style), created by the "app" role as
-- rails_migration before the logged run starts. Variants 1..6 are the "hot" stock rows of the
-- checkout storm; steady background jobs only touch variants >= 100.
CREATE TABLE schema_migrations (version varchar PRIMARY KEY);
INSERT INTO schema_migrations (version) VALUES ('20190211104600'), ('20190304093020');

CREATE TABLE products (
    id integer PRIMARY KEY,
    supplier_id integer NOT NULL,
    name text NOT NULL,
    permalink text NOT NULL,
    description text,
    price numeric(10, 2) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO products (id, supplier_id, name, permalink, description, price)
SELECT g, 1 + g % 40, 'Product ' || g, 'product-' || g, repeat('Organic, local, seasonal. ', 4), 1 + (g % 50) * 0.5
FROM generate_series(1, 3000) AS g;
CREATE INDEX products_supplier_id_idx ON products (supplier_id);

CREATE TABLE variants (
    id integer PRIMARY KEY,
    product_id integer NOT NULL REFERENCES products (id),
    sku text NOT NULL,
    price numeric(10, 2) NOT NULL,
    count_on_hand integer NOT NULL DEFAULT 0,
    position integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO variants (id, product_id, sku, price, count_on_hand, position)
SELECT g, 1 + (g - 1) / 3, 'SKU-' || lpad(g::text, 6, '0'), 1 + (g % 60) * 0.5, 1000000, 1 + (g - 1) % 3
FROM generate_series(1, 9000) AS g;
CREATE INDEX variants_product_id_idx ON variants (product_id);

CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    number text NOT NULL,
    state text NOT NULL DEFAULT 'cart',
    item_total numeric(12, 2) NOT NULL DEFAULT 0,
    completed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO orders (number, state, item_total, completed_at)
SELECT 'R' || lpad(g::text, 9, '0'), CASE WHEN g % 5 = 0 THEN 'cart' ELSE 'complete' END, (g % 90) + 0.5,
       CASE WHEN g % 5 = 0 THEN NULL ELSE now() - (g || ' minutes')::interval END
FROM generate_series(1, 30000) AS g;

CREATE TABLE line_items (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL,
    variant_id integer NOT NULL,
    quantity integer NOT NULL DEFAULT 1,
    price numeric(10, 2) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO line_items (order_id, variant_id, quantity, price)
SELECT 1 + g % 30000, 1 + (g::bigint * 7919) % 9000, 1 + g % 3, 2.5 FROM generate_series(1, 400000) AS g;
ALTER TABLE line_items ADD FOREIGN KEY (order_id) REFERENCES orders (id),
    ADD FOREIGN KEY (variant_id) REFERENCES variants (id);
CREATE INDEX line_items_order_id_idx ON line_items (order_id);

CREATE TABLE delayed_jobs (
    id bigserial PRIMARY KEY,
    priority integer NOT NULL DEFAULT 0,
    attempts integer NOT NULL DEFAULT 0,
    handler text NOT NULL,
    last_error text,
    queue text NOT NULL DEFAULT 'default',
    run_at timestamptz NOT NULL DEFAULT now(),
    locked_at timestamptz,
    locked_by text,
    failed_at timestamptz
);
INSERT INTO delayed_jobs (handler, queue)
SELECT '--- !ruby/object:' || (ARRAY['StockSyncJob', 'OrderCycleOpenJob', 'ConfirmOrderJob'])[1 + g % 3] || ' id: ' || g,
       (ARRAY['default', 'mailers'])[1 + g % 2]
FROM generate_series(1, 5000) AS g;
ANALYZE products, variants, orders, line_items, delayed_jobs;
