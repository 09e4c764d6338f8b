// QualityExport
