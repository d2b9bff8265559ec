package executor

import (
	"context"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/source"
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
		return x.resolve(ctx, s, root)
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
		n, err := rootOf(a.InputFiles.GetPlan())
		if err != nil {
			return nil, err
		}
		resp.Result = &connectpb.AnalyzePlanResponse_InputFiles_{InputFiles: &connectpb.AnalyzePlanResponse_InputFiles{Files: inputFiles(n)}}
	case *connectpb.AnalyzePlanRequest_SameSemantics_:
		target, err := rootOf(a.SameSemantics.GetTargetPlan())
		if err != nil {
			return nil, err
		}
		other, err := rootOf(a.SameSemantics.GetOtherPlan())
		if err != nil {
			return nil, err
		}
		resp.Result = &connectpb.AnalyzePlanResponse_SameSemantics_{SameSemantics: &connectpb.AnalyzePlanResponse_SameSemantics{
			Result: plan.CanonicalPlan(target) == plan.CanonicalPlan(other)}}
	case *connectpb.AnalyzePlanRequest_SemanticHash_:
		n, err := rootOf(a.SemanticHash.GetPlan())
		if err != nil {
			return nil, err
		}
		h := fnv.New32a()
		h.Write([]byte(plan.CanonicalPlan(n)))
		resp.Result = &connectpb.AnalyzePlanResponse_SemanticHash_{SemanticHash: &connectpb.AnalyzePlanResponse_SemanticHash{
			Result: int32(h.Sum32())}}
	case *connectpb.AnalyzePlanRequest_Persist_:
		if err := x.persist(s, a.Persist.GetRelation(), a.Persist.StorageLevel); err != nil {
			return nil, err
		}
		resp.Result = &connectpb.AnalyzePlanResponse_Persist_{Persist: &connectpb.AnalyzePlanResponse_Persist{}}
	case *connectpb.AnalyzePlanRequest_Unpersist_:
		if err := x.unpersist(s, a.Unpersist.GetRelation()); err != nil {
			return nil, err
		}
		resp.Result = &connectpb.AnalyzePlanResponse_Unpersist_{Unpersist: &connectpb.AnalyzePlanResponse_Unpersist{}}
	case *connectpb.AnalyzePlanRequest_GetStorageLevel_:
		l, err := x.storageLevelOf(s, a.GetStorageLevel.GetRelation())
		if err != nil {
			return nil, err
		}
		resp.Result = &connectpb.AnalyzePlanResponse_GetStorageLevel_{GetStorageLevel: &connectpb.AnalyzePlanResponse_GetStorageLevel{StorageLevel: l}}
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

// inputFiles lists the files a plan reads, as Spark's Dataset.inputFiles does: each once,
// as a file: URI, sorted.
func inputFiles(n plan.Node) []string {
	seen := map[string]bool{}
	var walk func(plan.Node)
	walk = func(n plan.Node) {
		if r, ok := n.(*plan.DataSourceRead); ok {
			if t, ok := r.Handle.(*source.Table); ok {
				for _, f := range t.Files() {
					if abs, err := filepath.Abs(f); err == nil {
						f = abs
					}
					seen["file:"+filepath.ToSlash(f)] = true
				}
			}
		}
		for _, c := range n.Children() {
			walk(c)
		}
	}
	walk(n)
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}
