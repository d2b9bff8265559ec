package sparkconnect

import (
	"context"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/sqlconf"
)

// Config runs one configuration operation on the session's SQL conf.
func (s *Service) Config(ctx context.Context, req *connectpb.ConfigRequest) (*connectpb.ConfigResponse, error) {
	l, err := s.acquire(userOf(req.GetUserContext()), req.GetSessionId(), req.ClientObservedServerSideSessionId, true)
	if err != nil {
		return nil, toStatus(err, nil)
	}
	defer l.release()
	conf := l.session.Conf
	var res sqlconf.Response
	op := req.GetOperation()
	switch t := op.GetOpType().(type) {
	case *connectpb.ConfigRequest_Operation_Set:
		res, err = conf.HandleSet(pairsOf(t.Set.GetPairs()), t.Set.GetSilent())
	case *connectpb.ConfigRequest_Operation_Get:
		res, err = conf.HandleGet(t.Get.GetKeys())
	case *connectpb.ConfigRequest_Operation_GetWithDefault:
		res, err = conf.HandleGetWithDefault(pairsOf(t.GetWithDefault.GetPairs()))
	case *connectpb.ConfigRequest_Operation_GetOption:
		res, err = conf.HandleGetOption(t.GetOption.GetKeys())
	case *connectpb.ConfigRequest_Operation_GetAll:
		res = conf.HandleGetAll(t.GetAll.Prefix)
	case *connectpb.ConfigRequest_Operation_Unset:
		res, err = conf.HandleUnset(t.Unset.GetKeys())
	case *connectpb.ConfigRequest_Operation_IsModifiable:
		res = conf.HandleIsModifiable(t.IsModifiable.GetKeys())
	default:
		err = sparkerror.InvalidPlanInput("ConfigRequest.operation is required")
	}
	if err != nil {
		return nil, toStatus(err, l.session)
	}
	out := &connectpb.ConfigResponse{SessionId: req.GetSessionId(), ServerSideSessionId: l.session.ServerSideID, Warnings: res.Warnings}
	for _, p := range res.Pairs {
		out.Pairs = append(out.Pairs, &connectpb.KeyValue{Key: p.Key, Value: p.Value})
	}
	return out, nil
}

func pairsOf(kvs []*connectpb.KeyValue) []sqlconf.Pair {
	out := make([]sqlconf.Pair, len(kvs))
	for i, kv := range kvs {
		out[i] = sqlconf.Pair{Key: kv.GetKey(), Value: kv.Value}
	}
	return out
}
