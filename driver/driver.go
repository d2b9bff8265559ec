package driver

import (
	"fmt"
	"slices"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/actors"
	"github.com/sailgo/sail/proto/controlpb"
)

// Config holds the Driver's settings.
type Config struct {
	// Self is the driver actor's own address, put into RunTask so workers know where to
	// report status.
	Self *controlpb.ActorRef
	// HeartbeatInterval is how often workers heartbeat (told to them at registration).
	HeartbeatInterval time.Duration
	// HeartbeatTimeout: a worker whose heartbeat count has not moved for this long is lost.
	HeartbeatTimeout time.Duration
	// TaskLaunchTimeout: a task with no status this long after RunTask counts as failed;
	// 0 disables it.
	TaskLaunchTimeout time.Duration
	// MaxTaskFailures is spark.task.maxFailures: a task failing this many times fails the job.
	MaxTaskFailures int
	// WorkerInitialCount and WorkerMaxCount drive the worker manager: the first demand starts
	// at least WorkerInitialCount workers, demand grows the pool to WorkerMaxCount. With
	// WorkerMaxCount 0 the driver starts no workers (they are started outside, e.g. sailctl).
	WorkerInitialCount int
	WorkerMaxCount     int
	// WorkerSlotsHint is how many slots a worker started on demand is expected to have.
	WorkerSlotsHint int
	// WorkerIdleTimeout stops a worker idle this long, keeping WorkerInitialCount; 0 never does.
	WorkerIdleTimeout time.Duration
	// WorkerLaunchTimeout: workers asked of the manager that have not registered this long
	// after are given up on (and asked for again while tasks wait). Default 2 minutes.
	WorkerLaunchTimeout time.Duration
}

func (c *Config) defaults() {
	if c.Self == nil {
		c.Self = &controlpb.ActorRef{Id: "driver"}
	}
	if c.HeartbeatInterval <= 0 {
		c.HeartbeatInterval = 10 * time.Second
	}
	if c.HeartbeatTimeout <= 0 {
		c.HeartbeatTimeout = 120 * time.Second
	}
	if c.MaxTaskFailures <= 0 {
		c.MaxTaskFailures = 4
	}
	if c.WorkerLaunchTimeout <= 0 {
		c.WorkerLaunchTimeout = 2 * time.Minute
	}
	if c.WorkerSlotsHint <= 0 {
		c.WorkerSlotsHint = 8
	}
}

// WorkerManager starts and stops worker processes (local processes now, Kubernetes pods
// later). The driver calls it through Perform effects, so replays see the decisions without
// starting anything.
type WorkerManager interface {
	// StartWorkers starts n workers; each registers with the driver when it is up.
	StartWorkers(n int)
	// StopWorker stops the worker after the driver sent it StopWorker.
	StopWorker(workerID string)
}

// Driver is the Driver actor's logic: one worker pool shared by every session, jobs as stage
// DAGs, tasks per partition, slot accounting, round-robin scheduling between jobs, retries,
// and recovery from lost workers. It is deterministic: time arrives only as delayed
// self-messages, and everything it does to the world leaves as effects.
type Driver struct {
	cfg     Config
	manager WorkerManager

	workers        []*worker // registration order
	workerByID     map[string]*worker
	pendingWorkers int
	launches       int64 // numbers the worker manager's launches

	jobs    []*job // submission order
	jobByID map[string]*job
	// lastServed is the job that got the last slot; the next slot goes to the job after it.
	lastServed string
}

type worker struct {
	id      string
	ref     *controlpb.ActorRef
	flight  string
	slots   int
	running []*controlpb.TaskRef // attempts occupying a slot, until their terminal status
	beats   int64
	idle    int64 // bumped whenever the worker becomes idle or busy
}

type job struct {
	id       string
	replyTo  *controlpb.ActorRef
	stages   []*stage // by id
	byID     map[int32]*stage
	finished bool
	used     map[string]bool // workers that ran tasks of the job (clean-up targets)
}

type stage struct {
	spec      *controlpb.Stage
	tasks     []*task
	done      int
	consumers []*stage
	inputs    []*stage
}

type taskState int

const (
	pending taskState = iota
	running
	done
)

type task struct {
	partition int32
	attempt   int32
	state     taskState
	worker    string // running or done on
	flight    string // done: where the output is
	lastSeq   int64
	failures  int
	failedOn  map[string]bool
	lastError string
	// lastSpark is the Spark error of the last counted failure, when it had one.
	lastSpark *controlpb.SparkError
	outputs   []*controlpb.PartitionStats
}

// New builds the Driver machine. manager may be nil (replays, or workers started outside).
func New(cfg Config, manager WorkerManager) *Driver {
	cfg.defaults()
	return &Driver{cfg: cfg, manager: manager, workerByID: map[string]*worker{}, jobByID: map[string]*job{}}
}

// Mailbox is the closed set of messages the Driver accepts.
func (d *Driver) Mailbox() actors.Mailbox {
	return actors.NewMailbox(&controlpb.RegisterWorker{}, &controlpb.WorkerHeartbeat{},
		&controlpb.TaskStatus{}, &controlpb.SubmitJob{}, &controlpb.CancelJob{},
		&controlpb.ReleaseJob{}, &controlpb.ProbeLostWorker{}, &controlpb.ProbePendingTask{},
		&controlpb.ProbeIdleWorker{}, &controlpb.ProbePendingWorkers{}, &controlpb.WorkerLost{},
		&controlpb.GetClusterStatus{}, &controlpb.StartWorkers{})
}

// Handle processes one message.
func (d *Driver) Handle(msg proto.Message) []actors.Effect {
	var out effects
	switch msg := msg.(type) {
	case *controlpb.RegisterWorker:
		d.register(&out, msg)
	case *controlpb.WorkerHeartbeat:
		if w := d.workerByID[msg.GetWorkerId()]; w != nil {
			w.beats++
		} else if msg.GetWorker() != nil {
			// Declared lost (its tasks went elsewhere): it must not come back with stale state.
			out.send(msg.GetWorker(), &controlpb.WorkerRejected{WorkerId: msg.GetWorkerId(), Reason: "the driver declared this worker lost"})
		}
		return out
	case *controlpb.TaskStatus:
		d.status(&out, msg)
	case *controlpb.SubmitJob:
		d.submit(&out, msg)
	case *controlpb.CancelJob:
		if j := d.jobByID[msg.GetJobId()]; j != nil && !j.finished {
			reason := msg.GetReason()
			if reason == "" {
				reason = "cancelled"
			}
			d.endJob(&out, j, controlpb.JobFinished_CANCELLED, reason, nil)
		}
	case *controlpb.ReleaseJob:
		if j := d.jobByID[msg.GetJobId()]; j != nil && j.finished {
			d.cleanUp(&out, j)
			d.removeJob(j)
			for _, w := range d.workers {
				if j.used[w.id] && len(w.running) == 0 {
					d.becameIdle(&out, w)
				}
			}
		}
		return out
	case *controlpb.ProbeLostWorker:
		w := d.workerByID[msg.GetWorkerId()]
		if w == nil {
			return nil
		}
		if w.beats == msg.GetHeartbeatsSeen() {
			d.lose(&out, w, "no heartbeat within "+d.cfg.HeartbeatTimeout.String())
		} else {
			out.after(d.cfg.HeartbeatTimeout, &controlpb.ProbeLostWorker{WorkerId: w.id, HeartbeatsSeen: w.beats})
			return out
		}
	case *controlpb.ProbePendingTask:
		d.probeTask(&out, msg.GetTask())
	case *controlpb.ProbePendingWorkers:
		if msg.GetLaunch() != d.launches || d.pendingWorkers == 0 {
			return nil
		}
		d.pendingWorkers = 0 // they never came; demand below asks again
	case *controlpb.ProbeIdleWorker:
		d.probeIdle(&out, msg)
		return out
	case *controlpb.WorkerLost:
		for _, w := range slices.Clone(d.workers) {
			if w.ref.GetAddress() == msg.GetAddress() {
				d.lose(&out, w, msg.GetReason())
			}
		}
	case *controlpb.GetClusterStatus:
		return []actors.Effect{actors.Reply{Msg: d.State()}}
	case *controlpb.StartWorkers:
		// Workers wanted before any task (the Kubernetes manager's initial pods start with
		// the driver): the pool grows to Count, within WorkerMaxCount.
		d.grow(&out, int(msg.GetCount()))
		return out
	}
	d.schedule(&out)
	return out
}

// effects collects a handler's effects.
type effects []actors.Effect

func (e *effects) send(to *controlpb.ActorRef, msg proto.Message) {
	*e = append(*e, actors.Send{Address: to.GetAddress(), ID: to.GetId(), Msg: msg})
}

func (e *effects) after(d time.Duration, msg proto.Message) {
	*e = append(*e, actors.After{Delay: d, Msg: msg})
}

func (d *Driver) register(out *effects, msg *controlpb.RegisterWorker) {
	id, ref := msg.GetWorkerId(), msg.GetWorker()
	reject := func(reason string) {
		if ref != nil {
			out.send(ref, &controlpb.WorkerRejected{WorkerId: id, Reason: reason})
		}
	}
	switch {
	case msg.GetProtocolVersion() != int32(controlpb.ProtocolVersion_PROTOCOL_VERSION_CURRENT):
		reject(fmt.Sprintf("protocol version %d, the driver speaks %d", msg.GetProtocolVersion(), controlpb.ProtocolVersion_PROTOCOL_VERSION_CURRENT))
		return
	case id == "" || ref.GetId() == "":
		reject("a worker must name itself and its actor")
		return
	case msg.GetSlots() <= 0:
		reject("a worker needs at least one task slot")
		return
	}
	registered := &controlpb.WorkerRegistered{WorkerId: id, HeartbeatIntervalMillis: d.cfg.HeartbeatInterval.Milliseconds()}
	if w := d.workerByID[id]; w != nil {
		if proto.Equal(w.ref, ref) {
			// The answer was lost and the worker asks again.
			out.send(ref, registered)
			return
		}
		// The same id from another actor: the old one is gone.
		d.lose(out, w, "re-registered from another address")
	}
	w := &worker{id: id, ref: ref, flight: msg.GetFlightAddress(), slots: int(msg.GetSlots())}
	d.workers = append(d.workers, w)
	d.workerByID[id] = w
	if d.pendingWorkers > 0 {
		d.pendingWorkers--
	}
	out.send(ref, registered)
	out.after(d.cfg.HeartbeatTimeout, &controlpb.ProbeLostWorker{WorkerId: id})
	d.becameIdle(out, w)
}

func (d *Driver) submit(out *effects, msg *controlpb.SubmitJob) {
	fail := func(reason string) {
		if msg.GetReplyTo() != nil {
			out.send(msg.GetReplyTo(), &controlpb.JobFinished{JobId: msg.GetJobId(), Outcome: controlpb.JobFinished_FAILED, Error: reason})
		}
	}
	if _, dup := d.jobByID[msg.GetJobId()]; dup || msg.GetJobId() == "" {
		fail("job id is empty or already in use")
		return
	}
	j := &job{id: msg.GetJobId(), replyTo: msg.GetReplyTo(), byID: map[int32]*stage{}, used: map[string]bool{}}
	finals := 0
	for _, spec := range msg.GetStages() {
		if _, dup := j.byID[spec.GetId()]; dup {
			fail(fmt.Sprintf("stage %d appears twice", spec.GetId()))
			return
		}
		if spec.GetPartitions() <= 0 {
			fail(fmt.Sprintf("stage %d has no partitions", spec.GetId()))
			return
		}
		if spec.GetFinal() {
			finals++
		}
		s := &stage{spec: spec}
		for p := range spec.GetPartitions() {
			s.tasks = append(s.tasks, &task{partition: p})
		}
		j.stages = append(j.stages, s)
		j.byID[spec.GetId()] = s
	}
	if finals != 1 {
		fail(fmt.Sprintf("a job needs exactly one final stage, got %d", finals))
		return
	}
	for _, s := range j.stages {
		for _, in := range s.spec.GetInputStageIds() {
			is := j.byID[in]
			if is == nil || is == s {
				fail(fmt.Sprintf("stage %d reads stage %d, which is not in the job", s.spec.GetId(), in))
				return
			}
			s.inputs = append(s.inputs, is)
			is.consumers = append(is.consumers, s)
		}
	}
	if cyclic(j) {
		fail("the stages form a cycle")
		return
	}
	slices.SortFunc(j.stages, func(a, b *stage) int { return int(a.spec.GetId() - b.spec.GetId()) })
	d.jobs = append(d.jobs, j)
	d.jobByID[j.id] = j
}

func cyclic(j *job) bool {
	state := map[*stage]int{} // 1 visiting, 2 done
	var visit func(s *stage) bool
	visit = func(s *stage) bool {
		switch state[s] {
		case 1:
			return true
		case 2:
			return false
		}
		state[s] = 1
		for _, in := range s.inputs {
			if visit(in) {
				return true
			}
		}
		state[s] = 2
		return false
	}
	for _, s := range j.stages {
		if visit(s) {
			return true
		}
	}
	return false
}

func (s *stage) complete() bool { return s.done == len(s.tasks) }

func (s *stage) ready() bool {
	for _, in := range s.inputs {
		if !in.complete() {
			return false
		}
	}
	return true
}

func taskRef(j *job, s *stage, t *task) *controlpb.TaskRef {
	return &controlpb.TaskRef{JobId: j.id, StageId: s.spec.GetId(), Partition: t.partition, Attempt: t.attempt}
}

// lookup finds the job, stage and task a status or probe names.
func (d *Driver) lookup(ref *controlpb.TaskRef) (*job, *stage, *task) {
	j := d.jobByID[ref.GetJobId()]
	if j == nil || j.finished {
		return nil, nil, nil
	}
	s := j.byID[ref.GetStageId()]
	if s == nil || ref.GetPartition() < 0 || int(ref.GetPartition()) >= len(s.tasks) {
		return nil, nil, nil
	}
	return j, s, s.tasks[ref.GetPartition()]
}

// release frees the slot an attempt held on its worker, whatever became of the task.
func (d *Driver) release(out *effects, workerID string, ref *controlpb.TaskRef) {
	w := d.workerByID[workerID]
	if w == nil {
		return
	}
	i := slices.IndexFunc(w.running, func(r *controlpb.TaskRef) bool { return proto.Equal(r, ref) })
	if i < 0 {
		return
	}
	w.running = slices.Delete(w.running, i, i+1)
	if len(w.running) == 0 {
		d.becameIdle(out, w)
	}
}

func (d *Driver) becameIdle(out *effects, w *worker) {
	w.idle++
	if d.cfg.WorkerIdleTimeout > 0 {
		out.after(d.cfg.WorkerIdleTimeout, &controlpb.ProbeIdleWorker{WorkerId: w.id, IdleEpoch: w.idle})
	}
}

func (d *Driver) status(out *effects, msg *controlpb.TaskStatus) {
	ref := msg.GetTask()
	terminal := msg.GetState() == controlpb.TaskStatus_SUCCEEDED || msg.GetState() == controlpb.TaskStatus_FAILED ||
		msg.GetState() == controlpb.TaskStatus_CANCELLED
	if terminal {
		d.release(out, msg.GetWorkerId(), ref)
	}
	j, s, t := d.lookup(ref)
	if t == nil || t.state != running || t.attempt != ref.GetAttempt() || t.worker != msg.GetWorkerId() || msg.GetSequence() <= t.lastSeq {
		return // stale: an older attempt, an older sequence, or a task no longer running
	}
	t.lastSeq = msg.GetSequence()
	switch msg.GetState() {
	case controlpb.TaskStatus_SUCCEEDED:
		t.state = done
		w := d.workerByID[t.worker]
		t.flight = w.flight
		t.outputs = msg.GetOutputs()
		s.done++
		if s.spec.GetFinal() && s.complete() {
			d.succeed(out, j, s)
		}
	case controlpb.TaskStatus_FAILED:
		if addr := msg.GetFetchFailedAddress(); addr != "" {
			d.retry(out, j, t, "", false)
			d.outputsLost(out, j, addr)
			break
		}
		t.lastSpark = msg.GetSparkError()
		d.retry(out, j, t, msg.GetError(), true)
	case controlpb.TaskStatus_CANCELLED:
		// The driver did not ask for it (it would have moved the task on): a worker stopping.
		d.retry(out, j, t, "task cancelled on worker "+t.worker, false)
	}
}

// retry puts a task back to pending with a new attempt. Counted failures fail the job at
// MaxTaskFailures.
func (d *Driver) retry(out *effects, j *job, t *task, reason string, counted bool) {
	if t.failedOn == nil {
		t.failedOn = map[string]bool{}
	}
	if counted {
		t.failures++
		t.failedOn[t.worker] = true
		t.lastError = reason
		if t.failures >= d.cfg.MaxTaskFailures {
			d.endJob(out, j, controlpb.JobFinished_FAILED,
				fmt.Sprintf("task %d failed %d times; last error: %s", t.partition, t.failures, reason), t.lastSpark)
			return
		}
	}
	t.state, t.worker, t.flight, t.lastSeq, t.outputs = pending, "", "", 0, nil
	t.attempt++
}

func (d *Driver) probeTask(out *effects, ref *controlpb.TaskRef) {
	j, s, t := d.lookup(ref)
	if t == nil || t.state != running || t.attempt != ref.GetAttempt() || t.lastSeq > 0 {
		return
	}
	if w := d.workerByID[t.worker]; w != nil {
		out.send(w.ref, &controlpb.StopTask{Task: taskRef(j, s, t)})
	}
	d.retry(out, j, t, "no status from worker "+t.worker+" within "+d.cfg.TaskLaunchTimeout.String(), true)
}

func (d *Driver) probeIdle(out *effects, msg *controlpb.ProbeIdleWorker) {
	w := d.workerByID[msg.GetWorkerId()]
	if w == nil || w.idle != msg.GetIdleEpoch() || len(w.running) > 0 || len(d.workers) <= d.cfg.WorkerInitialCount {
		return
	}
	for _, j := range d.jobs {
		if j.used[w.id] {
			return // it holds outputs of a job not yet released; the release makes it idle again
		}
	}
	out.send(w.ref, &controlpb.StopWorker{Reason: "idle"})
	d.forget(w)
	d.perform(out, "stop-worker", &controlpb.ClusterStatus_Worker{WorkerId: w.id}, func() {
		if d.manager != nil {
			d.manager.StopWorker(w.id)
		}
	})
}

func (d *Driver) perform(out *effects, name string, detail proto.Message, do func()) {
	*out = append(*out, actors.Perform{Name: name, Detail: detail, Do: do})
}

func (d *Driver) forget(w *worker) {
	delete(d.workerByID, w.id)
	d.workers = slices.DeleteFunc(d.workers, func(x *worker) bool { return x == w })
}

// lose removes a worker: its running tasks go back to pending, and its finished outputs that
// some unfinished stage still needs are recomputed, with the tasks that were reading them.
func (d *Driver) lose(out *effects, w *worker, reason string) {
	d.forget(w)
	for _, j := range slices.Clone(d.jobs) { // a job may end (and leave d.jobs) below
		for _, s := range j.stages {
			for _, t := range s.tasks {
				if j.finished {
					break
				}
				if t.worker != w.id {
					continue
				}
				switch t.state {
				case running:
					// Counted, as Spark counts an executor lost under a task: a task that
					// crashes every worker it runs on must fail its job, not loop.
					t.lastSpark = nil
					d.retry(out, j, t, "worker "+w.id+" lost: "+reason, true)
				case done:
					if !s.neededBy() {
						continue
					}
					s.done--
					d.retry(out, j, t, "", false)
					for _, c := range s.consumers {
						d.restartRunning(out, j, c)
					}
				}
			}
		}
	}
}

// outputsLost recomputes the job's finished outputs at a Flight address that a task could
// not fetch from, when a stage still needs them, stopping the tasks that were reading them.
// The worker itself stays until its heartbeats stop: an output can be gone while the worker
// lives.
func (d *Driver) outputsLost(out *effects, j *job, flight string) {
	for _, s := range j.stages {
		if !s.neededBy() {
			continue
		}
		lost := false
		for _, t := range s.tasks {
			if t.state == done && t.flight == flight {
				s.done--
				d.retry(out, j, t, "", false)
				lost = true
			}
		}
		if lost {
			for _, c := range s.consumers {
				d.restartRunning(out, j, c)
			}
		}
	}
}

// neededBy reports whether the stage's outputs are still to be read: it is the final stage
// (its outputs are the result) or some stage reading it has not finished.
func (s *stage) neededBy() bool {
	if s.spec.GetFinal() {
		return true
	}
	for _, c := range s.consumers {
		if !c.complete() {
			return true
		}
	}
	return false
}

// restartRunning stops the running tasks of a stage whose inputs went away; they run again
// once the inputs are recomputed.
func (d *Driver) restartRunning(out *effects, j *job, s *stage) {
	for _, t := range s.tasks {
		if t.state != running {
			continue
		}
		if w := d.workerByID[t.worker]; w != nil {
			out.send(w.ref, &controlpb.StopTask{Task: taskRef(j, s, t)})
		}
		d.retry(out, j, t, "", false)
	}
}

func (d *Driver) succeed(out *effects, j *job, final *stage) {
	res := &controlpb.JobFinished{JobId: j.id, Outcome: controlpb.JobFinished_SUCCEEDED}
	for _, t := range final.tasks {
		res.Results = append(res.Results, &controlpb.ResultLocation{
			Partition: t.partition, FlightAddress: t.flight, Task: taskRef(j, final, t),
		})
	}
	j.finished = true
	if j.replyTo != nil {
		out.send(j.replyTo, res)
	}
	// Outputs stay until the submitter fetched them and sends ReleaseJob.
}

// endJob fails or cancels a job: its running tasks are stopped, every worker that ran one
// drops its outputs, and the submitter hears why (with the task's Spark error, if any).
func (d *Driver) endJob(out *effects, j *job, outcome controlpb.JobFinished_Outcome, reason string, spark *controlpb.SparkError) {
	for _, s := range j.stages {
		for _, t := range s.tasks {
			if t.state == running {
				if w := d.workerByID[t.worker]; w != nil {
					out.send(w.ref, &controlpb.StopTask{Task: taskRef(j, s, t)})
				}
			}
		}
	}
	j.finished = true
	d.cleanUp(out, j)
	if j.replyTo != nil {
		out.send(j.replyTo, &controlpb.JobFinished{JobId: j.id, Outcome: outcome, Error: reason, SparkError: spark})
	}
	d.removeJob(j)
}

func (d *Driver) cleanUp(out *effects, j *job) {
	for _, w := range d.workers {
		if j.used[w.id] {
			out.send(w.ref, &controlpb.CleanUpJob{JobId: j.id})
		}
	}
}

func (d *Driver) removeJob(j *job) {
	i := slices.Index(d.jobs, j)
	d.jobs = slices.Delete(d.jobs, i, i+1)
	delete(d.jobByID, j.id)
}

// schedule hands pending tasks of ready stages to free slots, one task per job in turn
// (round-robin from where the last round stopped), and asks for workers when demand exceeds
// the pool.
func (d *Driver) schedule(out *effects) {
	waiting := 0
	for {
		placed := false
		active := 0
		start := 0
		if last := slices.IndexFunc(d.jobs, func(j *job) bool { return j.id == d.lastServed }); last >= 0 {
			start = last + 1
		}
		for k := range d.jobs {
			i := (start + k) % len(d.jobs)
			j := d.jobs[i]
			if j.finished {
				continue
			}
			s, t := nextTask(j)
			if t == nil {
				continue
			}
			active++
			w := d.pick(t)
			if w == nil {
				continue
			}
			d.launch(out, j, s, t, w)
			d.lastServed = j.id
			placed = true
			break
		}
		if !placed {
			waiting = active
			break
		}
	}
	if waiting > 0 {
		d.demand(out)
	}
}

// nextTask is the job's first pending task of a ready stage, lowest stage and partition first.
func nextTask(j *job) (*stage, *task) {
	for _, s := range j.stages {
		if s.complete() || !s.ready() {
			continue
		}
		for _, t := range s.tasks {
			if t.state == pending {
				return s, t
			}
		}
	}
	return nil, nil
}

// pick chooses the worker with the most free slots, avoiding workers the task failed on
// while any other worker is alive.
func (d *Driver) pick(t *task) *worker {
	others := false
	for _, w := range d.workers {
		if !t.failedOn[w.id] {
			others = true
			break
		}
	}
	var best *worker
	for _, w := range d.workers {
		free := w.slots - len(w.running)
		if free <= 0 || (others && t.failedOn[w.id]) {
			continue
		}
		if best == nil || free > best.slots-len(best.running) {
			best = w
		}
	}
	return best
}

func (d *Driver) launch(out *effects, j *job, s *stage, t *task, w *worker) {
	t.state, t.worker, t.lastSeq = running, w.id, 0
	ref := taskRef(j, s, t)
	if len(w.running) == 0 {
		w.idle++
	}
	w.running = append(w.running, ref)
	j.used[w.id] = true
	run := &controlpb.RunTask{
		Task: ref, Plan: s.spec.GetPlan(), Partitions: s.spec.GetPartitions(), Final: s.spec.GetFinal(),
		Driver: d.cfg.Self,
	}
	for _, in := range s.inputs {
		for _, it := range in.tasks {
			run.Inputs = append(run.Inputs, &controlpb.TaskInput{StageId: in.spec.GetId(), MapPartition: it.partition, FlightAddress: it.flight})
		}
	}
	out.send(w.ref, run)
	if d.cfg.TaskLaunchTimeout > 0 {
		out.after(d.cfg.TaskLaunchTimeout, &controlpb.ProbePendingTask{Task: ref})
	}
}

// demand asks the worker manager for more workers when tasks wait for slots.
func (d *Driver) demand(out *effects) {
	if d.pendingWorkers > 0 {
		return
	}
	d.grow(out, max(d.cfg.WorkerInitialCount, len(d.workers)+1))
}

// grow asks the worker manager for workers until the pool, registered and pending, has
// target, within WorkerMaxCount.
func (d *Driver) grow(out *effects, target int) {
	if d.cfg.WorkerMaxCount <= 0 {
		return
	}
	want := min(target, d.cfg.WorkerMaxCount) - len(d.workers) - d.pendingWorkers
	if want <= 0 {
		return
	}
	d.pendingWorkers += want
	d.launches++
	d.perform(out, "start-workers", &controlpb.StartWorkers{Count: int32(want)}, func() {
		if d.manager != nil {
			d.manager.StartWorkers(want)
		}
	})
	out.after(d.cfg.WorkerLaunchTimeout, &controlpb.ProbePendingWorkers{Launch: d.launches})
}

// State reports the driver's view of the cluster: the answer to GetClusterStatus, and what
// replays check.
func (d *Driver) State() proto.Message {
	st := &controlpb.ClusterStatus{PendingWorkers: int32(d.pendingWorkers)}
	byID := map[string]*controlpb.ClusterStatus_Worker{}
	for _, w := range d.workers {
		ws := &controlpb.ClusterStatus_Worker{
			WorkerId: w.id, FlightAddress: w.flight, Slots: int32(w.slots), Running: int32(len(w.running)),
		}
		st.Workers = append(st.Workers, ws)
		byID[w.id] = ws
	}
	for _, j := range d.jobs {
		js := &controlpb.ClusterStatus_Job{JobId: j.id, Stages: int32(len(j.stages))}
		for _, s := range j.stages {
			if s.complete() {
				js.StagesDone++
			}
			for _, t := range s.tasks {
				switch t.state {
				case running:
					js.RunningTasks++
				case done:
					js.TasksDone++
					if ws := byID[t.worker]; ws != nil {
						ws.Outputs++
					}
				}
			}
		}
		st.Jobs = append(st.Jobs, js)
	}
	return st
}
