package runner

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func sampleResults() []FileResult {
	return []FileResult{
		{Name: "a.sql", Setup: []string{"table t not created: X", "setting k=v rejected: Y"}, Statements: []StatementResult{
			{Line: 2, Outcome: Pass},
			{Line: 8, Outcome: UnexpectedError, Reason: "NOT_IMPLEMENTED: WHERE"},
			{Line: 12, Outcome: Skipped, Reason: "Scala test UDF vol"},
		}},
		{Name: "b.sql", Skipped: "no results file"},
		{Name: "c.sql", Setup: []string{"table t not created: X"}, Statements: []StatementResult{
			{Line: 3, Outcome: UnexpectedError, Reason: "NOT_IMPLEMENTED: WHERE"},
			{Line: 9, Outcome: WrongRows, Reason: "wrong rows on SELECT"},
			{Line: 11, Outcome: UnexpectedError, Reason: "NOT_IMPLEMENTED: WHERE"},
		}},
	}
}

func TestNewScoreboard(t *testing.T) {
	tpch := &TPCHResult{Scale: "sf0.1", Pass: 1, Queries: []TPCHQuery{{Name: "q1", Outcome: Pass}, {Name: "q2", Outcome: Crash, Reason: "crash"}}}
	sb := NewScoreboard(sampleResults(), tpch)
	if sb.Statements != 6 || sb.Totals[Pass] != 1 || sb.Totals[UnexpectedError] != 3 || sb.Totals[Skipped] != 1 || sb.Totals[WrongRows] != 1 {
		t.Errorf("totals %d %v", sb.Statements, sb.Totals)
	}
	wantTop := []ReasonCount{{"NOT_IMPLEMENTED: WHERE", 3, "a.sql:8"}, {"wrong rows on SELECT", 1, "c.sql:9"}}
	if !reflect.DeepEqual(sb.TopFailures, wantTop) {
		t.Errorf("top failures %v", sb.TopFailures)
	}
	if !reflect.DeepEqual(sb.SkipReasons, []ReasonCount{{"Scala test UDF vol", 1, "a.sql:12"}}) {
		t.Errorf("skip reasons %v", sb.SkipReasons)
	}
	if !reflect.DeepEqual(sb.CommonSetup, []string{"table t not created: X"}) {
		t.Errorf("common setup %v", sb.CommonSetup)
	}
	if got := sb.Files[0]; got.Pass != 1 || got.Statements != 3 || !reflect.DeepEqual(got.Setup, []string{"setting k=v rejected: Y"}) ||
		got.Outcomes[UnexpectedError] != 1 || got.Outcomes[Skipped] != 1 {
		t.Errorf("file a: %+v", got)
	}
	if got := sb.Files[1]; got.Skipped != "no results file" || got.Statements != 0 {
		t.Errorf("file b: %+v", got)
	}
	md := sb.Markdown()
	for _, want := range []string{"**1 of 6 statements pass (16.7%).**", "**TPC-H: 1 of 2 queries pass.**",
		"| 3 | NOT_IMPLEMENTED: WHERE | a.sql:8 |", "| b.sql | 0 | 0 | - | skipped: no results file |",
		"| q2 | crash | crash |", "- table t not created: X"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestScoreboardRoundTripAndRegressions(t *testing.T) {
	before := NewScoreboard(sampleResults(), &TPCHResult{Pass: 1})
	path := filepath.Join(t.TempDir(), "scoreboard.json")
	if err := before.WriteJSON(path); err != nil {
		t.Fatal(err)
	}
	read, err := ReadScoreboard(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(read, before) {
		t.Errorf("round trip changed the scoreboard:\n%+v\n%+v", read, before)
	}
	if regs := Regressions(read, before); len(regs) != 0 {
		t.Errorf("no change, yet regressions %v", regs)
	}

	worse := sampleResults()
	worse[0].Statements[0].Outcome = WrongRows
	better := sampleResults()
	better[2].Statements[1].Outcome = Pass
	now := NewScoreboard(worse, &TPCHResult{Pass: 0})
	want := []string{"a.sql: 0 statements pass, the scoreboard has 1", "TPC-H: 0 queries pass, the scoreboard has 1"}
	if regs := Regressions(read, now); !reflect.DeepEqual(regs, want) {
		t.Errorf("regressions %q, want %q", regs, want)
	}
	up := NewScoreboard(better, &TPCHResult{Pass: 2})
	if regs := Regressions(read, up); len(regs) != 0 {
		t.Errorf("improvement reported as regression: %v", regs)
	}
	if imp := Improvements(read, up); !reflect.DeepEqual(imp, []string{"c.sql: 0 -> 1", "TPC-H: 1 -> 2"}) {
		t.Errorf("improvements %q", imp)
	}
	if regs := Regressions(read, NewScoreboard(sampleResults()[1:], nil)); !reflect.DeepEqual(regs, []string{"a.sql: not run (had 1 passing)"}) {
		t.Errorf("missing file: %q", regs)
	}
}
