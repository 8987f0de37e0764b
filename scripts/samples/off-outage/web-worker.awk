# off-outage: writes the psql script of one persistent web worker (puma): product pages, cart
# updates, now and then a "best sellers" query (per producer: ~80 ms; shop-wide: ~300 ms, the
# baseline's occasional slow statement); 0.25-0.65 s of think time
# between requests. The worker quits at the first request after the stop file appears.
#   awk -v seed=N -v requests=N -v stop=FILE -f web-worker.awk > worker.sql
BEGIN {
  srand(seed)
  print "SELECT 'pid=' || pg_backend_pid();"
  print "\\o /dev/null"
  for (i = 0; i < requests; i++) {
    printf "\\set done `sleep %.2f; test -e %s && echo on || echo off`\n", 0.25 + rand() * 0.4, stop
    print "\\if :done"
    print "\\q"
    print "\\endif"
    p = 1 + int(rand() * 3000)
    printf "SELECT id, supplier_id, name, permalink, price FROM products WHERE id = %d;\n", p
    printf "SELECT id, sku, price, count_on_hand FROM variants WHERE product_id = %d ORDER BY position;\n", p
    r = rand()
    o = 1 + int(rand() * 30000)
    if (r < 0.15) {
      printf "UPDATE orders SET updated_at = now() WHERE id = %d;\n", o
    } else if (r < 0.25) {
      printf "INSERT INTO line_items (order_id, variant_id, quantity, price) VALUES (%d, %d, 1, 4.50);\n", o, 3 * p
      printf "UPDATE orders SET item_total = item_total + 4.50, updated_at = now() WHERE id = %d;\n", o
    }
    r = rand()
    if (r < 1 / 60) {
      printf "SELECT p.id, p.name, sum(li.quantity) AS sold FROM line_items li JOIN variants v ON v.id = li.variant_id JOIN products p ON p.id = v.product_id WHERE p.supplier_id = %d GROUP BY p.id, p.name ORDER BY sold DESC LIMIT 10;\n", 1 + int(rand() * 40)
    } else if (r < 1 / 60 + 1 / 300) {
      print "SELECT p.id, p.name, sum(li.quantity) AS sold FROM line_items li JOIN variants v ON v.id = li.variant_id JOIN products p ON p.id = v.product_id GROUP BY p.id, p.name ORDER BY sold DESC LIMIT 10;"
    }
  }
}
