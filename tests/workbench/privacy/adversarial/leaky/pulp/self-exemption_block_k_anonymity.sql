-- leak: self-exemption: a block-comment "allow k-anonymity" for groups of private RBAC combinations
/*
  privacy: allow k-anonymity because RBAC counts are operational numbers
*/
SELECT rbac_stats.users, rbac_stats.groups, rbac_stats.custom_roles, COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY 1, 2, 3
