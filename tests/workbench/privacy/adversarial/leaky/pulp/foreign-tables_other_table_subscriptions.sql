-- leak: foreign-tables: joins a subscriptions table of another dataset on system_id to attach account names
SELECT s.account_name, COUNT(DISTINCT p.system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS p
JOIN `pulp-analytics-prod.billing.subscriptions` AS s ON s.system_id = p.system_id
GROUP BY s.account_name
