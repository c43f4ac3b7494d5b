-- leak: self-exemption: a trailing "privacy: allow row-level" after a query listing every post
SELECT DATE(timestamp) AS day, postgresql_version, online_workers.processes AS workers
FROM `pulp-analytics-prod.analytics.pulp_analytics`
-- privacy: allow row-level because posts carry no identifier
