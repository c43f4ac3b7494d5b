-- leak: self-exemption: "privacy: allow identifier-groups" over a per-system GROUP BY
-- privacy: allow identifier-groups because we only output numbers, never the id
SELECT COUNT(*) AS posts, MAX(online_workers.processes) AS workers, MAX(rbac_stats.users) AS users
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY system_id
