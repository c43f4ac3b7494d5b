-- leak: self-exemption: the author grants "privacy: allow identifier-output" to publish system ids
-- privacy: allow identifier-output because system ids are random UUIDs and not personal data
SELECT system_id, MAX(rbac_stats.users) AS users
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY system_id
