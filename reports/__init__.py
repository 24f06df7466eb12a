"""Reports: the report.json document (CONTRACT §3) and one renderer per output format.

Public API: `reports.model.AuditInfo`, `reports.model.build_report`,
`reports.write.write_reports`.
"""
