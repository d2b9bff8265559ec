package runner

// Outcome is the verdict on one statement.
type Outcome string

// The outcomes, in the order the scoreboard lists them.
const (
	Pass            Outcome = "pass"
	WrongSchema     Outcome = "wrong_schema"
	WrongRows       Outcome = "wrong_rows"
	WrongError      Outcome = "wrong_error"      // both failed, with different error classes
	ExpectedError   Outcome = "expected_error"   // Spark failed, we answered
	UnexpectedError Outcome = "unexpected_error" // we failed, Spark answered
	Timeout         Outcome = "timeout"
	Crash           Outcome = "crash"   // the server died on it
	Skipped         Outcome = "skipped" // needs a Spark test helper we cannot have
)

// Outcomes lists every outcome in scoreboard order.
var Outcomes = []Outcome{Pass, WrongSchema, WrongRows, WrongError, ExpectedError, UnexpectedError, Timeout, Crash, Skipped}

// StatementResult is the verdict on one statement with what explains it.
type StatementResult struct {
	// Line is the line of the statement's block in the results file.
	Line    int     `json:"line"`
	Outcome Outcome `json:"outcome"`
	// Reason groups failures for the scoreboard's top list: an error class (with the
	// missing feature for NOT_IMPLEMENTED) or a short description.
	Reason string `json:"reason,omitempty"`
	// Detail is what differed, for a human reading one failure.
	Detail string `json:"detail,omitempty"`
	// Analysis is how the statement counts toward the analyzer's figures.
	Analysis Agreement `json:"analysis,omitempty"`
	// AnalysisDetail says what differed in analysis alone.
	AnalysisDetail string `json:"analysis_detail,omitempty"`
}
