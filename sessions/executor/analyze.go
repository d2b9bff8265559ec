package executor

import (
	"context"
	"fmt"
	"strings"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/connect"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Analyze answers AnalyzePlan.
func (x *Executor) Analyze(ctx context.Context, s *sessions.Session, req *connectpb.AnalyzePlanRequest) (*connectpb.AnalyzePlanResponse, error) {
	resp := &connectpb.AnalyzePlanResponse{}
	rootOf := func(p *connectpb.Plan) (plan.Node, error) {
		root := p.GetRoot()
		if root == nil {
			return nil, sparkerror.InvalidPlanInput("the analysis needs a plan with a root relation")
		}
		return resolve(s, root)
	}
	switch a := req.GetAnalyze().(type) {
	case *connectpb.AnalyzePlanRequest_Schema_:
		n, err := rootOf(a.Schema.GetPlan())
		if err != nil {
			return nil, err
		}
		dt, err := connect.ToProto(plan.Schema(n))
		if err != nil {
			return nil, err
		}
		resp.Result = &connectpb.AnalyzePlanResponse_Schema_{Schema: &connectpb.AnalyzePlanResponse_Schema{Schema: dt}}
	case *connectpb.AnalyzePlanRequest_TreeString_:
		n, err := rootOf(a.TreeString.GetPlan())
		if err != nil {
			return nil, err
		}
		level := int(a.TreeString.GetLevel())
		if a.TreeString.Level == nil {
			level = 0
		}
		resp.Result = &connectpb.AnalyzePlanResponse_TreeString_{TreeString: &connectpb.AnalyzePlanResponse_TreeString{
			TreeString: plan.Schema(n).TreeString(level)}}
	case *connectpb.AnalyzePlanRequest_Explain_:
		n, err := rootOf(a.Explain.GetPlan())
		if err != nil {
			return nil, err
		}
		text, err := x.explain(s, n, a.Explain.GetExplainMode())
		if err != nil {
			return nil, err
		}
		resp.Result = &connectpb.AnalyzePlanResponse_Explain_{Explain: &connectpb.AnalyzePlanResponse_Explain{ExplainString: text}}
	case *connectpb.AnalyzePlanRequest_IsLocal_:
		n, err := rootOf(a.IsLocal.GetPlan())
		if err != nil {
			return nil, err
		}
		_, local := n.(*plan.LocalData)
		resp.Result = &connectpb.AnalyzePlanResponse_IsLocal_{IsLocal: &connectpb.AnalyzePlanResponse_IsLocal{IsLocal: local}}
	case *connectpb.AnalyzePlanRequest_IsStreaming_:
		if _, err := rootOf(a.IsStreaming.GetPlan()); err != nil {
			return nil, err
		}
		resp.Result = &connectpb.AnalyzePlanResponse_IsStreaming_{IsStreaming: &connectpb.AnalyzePlanResponse_IsStreaming{}}
	case *connectpb.AnalyzePlanRequest_InputFiles_:
		if _, err := rootOf(a.InputFiles.GetPlan()); err != nil {
			return nil, err
		}
		resp.Result = &connectpb.AnalyzePlanResponse_InputFiles_{InputFiles: &connectpb.AnalyzePlanResponse_InputFiles{}}
	case *connectpb.AnalyzePlanRequest_SparkVersion_:
		resp.Result = &connectpb.AnalyzePlanResponse_SparkVersion_{SparkVersion: &connectpb.AnalyzePlanResponse_SparkVersion{Version: SparkVersion}}
	case *connectpb.AnalyzePlanRequest_DdlParse:
		st, err := types.ParseDDLOrJSON(a.DdlParse.GetDdlString())
		if err != nil {
			return nil, err
		}
		dt, err := connect.ToProto(st)
		if err != nil {
			return nil, err
		}
		resp.Result = &connectpb.AnalyzePlanResponse_DdlParse{DdlParse: &connectpb.AnalyzePlanResponse_DDLParse{Parsed: dt}}
	case *connectpb.AnalyzePlanRequest_JsonToDdl:
		dt, err := types.ParseJSON(a.JsonToDdl.GetJsonString())
		if err != nil {
			return nil, err
		}
		st, ok := dt.(*types.StructType)
		if !ok {
			return nil, sparkerror.InvalidPlanInput("json_to_ddl needs a struct type, got %s", dt.SimpleString())
		}
		resp.Result = &connectpb.AnalyzePlanResponse_JsonToDdl{JsonToDdl: &connectpb.AnalyzePlanResponse_JsonToDDL{DdlString: st.ToDDL()}}
	case nil:
		return nil, sparkerror.InvalidPlanInput("AnalyzePlanRequest.analyze is required")
	default:
		return nil, sparkerror.NotImplemented(fmt.Sprintf("the analysis %T", req.GetAnalyze()))
	}
	return resp, nil
}

// explain renders the plans in the layout of Spark's explain modes.
func (x *Executor) explain(s *sessions.Session, n plan.Node, mode connectpb.AnalyzePlanRequest_Explain_ExplainMode) (string, error) {
	phys, err := x.physicalPlan(context.Background(), s, n)
	if err != nil {
		return "", err
	}
	physicalText := "== Physical Plan ==\n" + physical.Explain(phys)
	switch mode {
	case connectpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_EXTENDED, connectpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_COST:
		logical := plan.Explain(n)
		return strings.Join([]string{
			"== Parsed Logical Plan ==\n" + logical,
			"== Analyzed Logical Plan ==\n" + logical,
			"== Optimized Logical Plan ==\n" + logical,
			physicalText,
		}, "\n"), nil
	}
	return physicalText, nil
}
