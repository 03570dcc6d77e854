-- 1. Monthly revenue trend
SELECT TO_CHAR(sale_date, 'YYYY-MM') AS month_year, SUM(sale_price) AS total_revenue
FROM SalesOrders
GROUP BY TO_CHAR(sale_date, 'YYYY-MM')
ORDER BY month_year;

-- 2. Inventory value by plant
SELECT pl.name AS plant_name, SUM(i.quantity * p.cost) AS total_inventory_value
FROM Inventory i
JOIN Parts p ON i.part_id = p.part_id
JOIN Plants pl ON i.plant_id = pl.plant_id
GROUP BY pl.name
ORDER BY total_inventory_value DESC;

-- 3. Revenue share by vehicle model
SELECT v.model_name, COUNT(s.order_id) AS units_sold, SUM(s.sale_price) AS total_revenue
FROM SalesOrders s
JOIN Vehicles v ON s.vin = v.vin
GROUP BY v.model_name;
