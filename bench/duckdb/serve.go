package duckdb

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Request is one line the main tool writes to the child's stdin.
//
//	{"op":"open","data":"/tmp/tpch-sf1","tables":["lineitem",...],"threads":2,"memory_limit":"4GB"}
//	{"op":"query","sql":"select ...","rows":true}
//
// open creates one view per table over <data>/<table>/*.parquet with read_parquet; query
// runs a statement to the end and answers its wall time and, when rows is set, the rows
// rendered as text.
type Request struct {
	Op          string   `json:"op"`
	Data        string   `json:"data,omitempty"`
	Tables      []string `json:"tables,omitempty"`
	Threads     int      `json:"threads,omitempty"`
	MemoryLimit string   `json:"memory_limit,omitempty"`
	SQL         string   `json:"sql,omitempty"`
	Rows        bool     `json:"rows,omitempty"`
}

// Response is the child's answer to one request, one JSON line.
type Response struct {
	Error   string     `json:"error,omitempty"`
	Seconds float64    `json:"seconds,omitempty"`
	Rows    [][]string `json:"rows,omitempty"`
	Count   int        `json:"count"`
	Version string     `json:"version,omitempty"`
}

// Server holds one DuckDB database (in memory) and its single connection.
type Server struct {
	db   *sql.DB
	conn *sql.Conn
}

// Serve answers requests from r on w until r ends.
func Serve(ctx context.Context, r io.Reader, w io.Writer) error {
	s := &Server{}
	defer s.Close()
	in := bufio.NewScanner(r)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	enc := json.NewEncoder(w)
	for in.Scan() {
		var req Request
		var resp Response
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			resp.Error = "bad request: " + err.Error()
		} else {
			resp = s.Handle(ctx, req)
		}
		if err := enc.Encode(resp); err != nil {
			return err
		}
	}
	return in.Err()
}

// Close closes the database.
func (s *Server) Close() {
	if s.conn != nil {
		_ = s.conn.Close()
	}
	if s.db != nil {
		_ = s.db.Close()
	}
}

// Handle answers one request.
func (s *Server) Handle(ctx context.Context, req Request) Response {
	switch req.Op {
	case "open":
		v, err := s.open(ctx, req)
		if err != nil {
			return Response{Error: err.Error()}
		}
		return Response{Version: v}
	case "query":
		if s.conn == nil {
			return Response{Error: "query before open"}
		}
		return s.query(ctx, req.SQL, req.Rows)
	}
	return Response{Error: fmt.Sprintf("unknown op %q", req.Op)}
}

func (s *Server) open(ctx context.Context, req Request) (string, error) {
	s.Close()
	conn, err := duckdb.NewConnector("", nil)
	if err != nil {
		return "", err
	}
	s.db = sql.OpenDB(conn)
	s.conn, err = s.db.Conn(ctx)
	if err != nil {
		return "", err
	}
	var stmts []string
	if req.Threads > 0 {
		stmts = append(stmts, fmt.Sprintf("SET threads = %d", req.Threads))
	}
	if req.MemoryLimit != "" {
		stmts = append(stmts, "SET memory_limit = "+quote(req.MemoryLimit))
	}
	for _, t := range req.Tables {
		glob := filepath.Join(req.Data, t, "*.parquet")
		stmts = append(stmts, fmt.Sprintf("CREATE OR REPLACE VIEW %s AS SELECT * FROM read_parquet(%s)", t, quote(glob)))
	}
	for _, q := range stmts {
		if _, err := s.conn.ExecContext(ctx, q); err != nil {
			return "", fmt.Errorf("%s: %w", q, err)
		}
	}
	var v string
	if err := s.conn.QueryRowContext(ctx, "SELECT version()").Scan(&v); err != nil {
		return "", err
	}
	return v, nil
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// query runs q, reading every row (rendering them only when keep is set, so the timed runs
// pay for the transfer but not for the text).
func (s *Server) query(ctx context.Context, q string, keep bool) Response {
	start := time.Now()
	rows, err := s.conn.QueryContext(ctx, q)
	if err != nil {
		return Response{Error: err.Error()}
	}
	defer rows.Close()
	cols, err := rows.ColumnTypes()
	if err != nil {
		return Response{Error: err.Error()}
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out Response
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return Response{Error: err.Error()}
		}
		out.Count++
		if keep {
			row := make([]string, len(vals))
			for i, v := range vals {
				row[i] = Render(v, cols[i].DatabaseTypeName())
			}
			out.Rows = append(out.Rows, row)
		}
	}
	if err := rows.Err(); err != nil {
		return Response{Error: err.Error()}
	}
	out.Seconds = time.Since(start).Seconds()
	return out
}

// Render writes one value as the comparison reads it: numbers in plain decimal notation,
// dates as yyyy-MM-dd, NULL as the word null.
func Render(v any, typeName string) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case duckdb.Decimal:
		return decimalString(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32)
	case time.Time:
		if typeName == "DATE" {
			return v.Format("2006-01-02")
		}
		return v.Format("2006-01-02 15:04:05")
	case []byte:
		return string(v)
	case *big.Int:
		return v.String()
	}
	return fmt.Sprint(v)
}

// decimalString is the unscaled value with the decimal point placed by the scale.
func decimalString(d duckdb.Decimal) string {
	if d.Value == nil {
		return "0"
	}
	digits := new(big.Int).Abs(d.Value).String()
	sign := ""
	if d.Value.Sign() < 0 {
		sign = "-"
	}
	scale := int(d.Scale)
	if scale == 0 {
		return sign + digits
	}
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	return sign + digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
}
