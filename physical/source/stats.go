package source

// NumRows is the number of rows in the table's files when their footers record it
// (Parquet), for the optimizer's estimates; ok is false for the other formats and when a
// footer cannot be read.
func (t *Table) NumRows() (rows int64, ok bool) {
	p, isParquet := t.format.(*parquetFormat)
	if !isParquet {
		return 0, false
	}
	for _, f := range t.files {
		md, err := p.footer(f.path)
		if err != nil {
			return 0, false
		}
		rows += md.NumRows
	}
	return rows, true
}
