-- Reporting session (metabase): explicit PREPARE/EXECUTE and a multi-line query with tab-indented lines.
PREPARE account_orders (integer, numeric) AS
    SELECT o.id, o.status, o.total FROM orders o WHERE o.account_id = $1 AND o.total >= $2 ORDER BY o.id;
EXECUTE account_orders(7, 10.5);
EXECUTE account_orders(42, 0);
DEALLOCATE account_orders;
SELECT a.id,
	a.email,
	count(o.id) AS orders,
	sum(o.total) AS revenue
FROM accounts a
	LEFT JOIN orders o ON o.account_id = a.id
WHERE a.balance > 0
GROUP BY a.id, a.email
ORDER BY revenue DESC NULLS LAST
LIMIT 5;
