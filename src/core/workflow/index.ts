// Editorial workflow (quy trình biên tập, duyệt, xuất bản tin bài): review
// chains, the engine that decides each action, and queues. Pure: no I/O.

export {
  DEFAULT_CHAIN,
  DEFAULT_ROLE_NAMES,
  MAX_CHAIN_STEPS,
  STEP_KINDS,
  checkChainCompletable,
  defaultRoleName,
  parseChain,
  stepLabel,
  type ChainHolders,
  type ChainStep,
  type ReviewChain,
  type RoleNamer,
  type StepActor,
  type StepKind,
} from './chain.ts';

export { PRESET_CHAINS, type PresetKey } from './preset-chains.ts';

export {
  ACTION_TYPES,
  TAKE_DOWN_REASONS,
  TRANSITIONS,
  availableActions,
  canActOnStep,
  decide,
  gateOf,
  isOverdue,
  mayBeAssigned,
  offeredActions,
  type ActionOffer,
  type ActionType,
  type Decision,
  type Gate,
  type PublicationState,
  type Recipient,
  type ReviewState,
  type StateSnapshot,
  type TakeDownReason,
  type WorkflowAction,
  type WorkflowActor,
  type WorkflowCalendar,
  type WorkflowContext,
  type WorkflowEvent,
  type WorkflowItem,
} from './engine.ts';

export { CONFIRMING_ROLES, confirmersOf, missingActor, staffOfStep, vacancyAt, type Staffing, type StepStaff, type Vacancy } from './staffing.ts';

export { PUBLICATION_STATE_NAMES, REVIEW_STATE_NAMES } from './messages.ts';

export { approvalLeadsTo, itemStatus, type ItemStatus, type StatusInput, type StatusItem, type StatusKind } from './status.ts';

export { queueReason, type QueueKind, type QueueReason } from './queue.ts';
