/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  fragment TaskLight on Task {\n    id\n    title\n    status\n    health\n    overdue\n    unit {\n      id\n    }\n    program {\n      id\n    }\n  }\n': typeof types.TaskLightFragmentDoc;
  '\n  fragment TaskRow on Task {\n    id\n    title\n    partner\n    assignee\n    status\n    progress\n    deadline\n    overdue\n    wasOverdue\n    health\n    acknowledgedAt\n    updatedAt\n    completedAt\n    unit {\n      id\n      name\n    }\n    program {\n      id\n      name\n    }\n  }\n': typeof types.TaskRowFragmentDoc;
  '\n  fragment AuditEventFields on AuditEvent {\n    position\n    streamId\n    revision\n    type\n    occurredAt\n    actor {\n      id\n      name\n      role\n      unitId\n    }\n    data\n    hash\n    previousHash\n  }\n': typeof types.AuditEventFieldsFragmentDoc;
  '\n  fragment TaskDetail on Task {\n    ...TaskRow\n    description\n    revision\n    createdAt\n    unit {\n      id\n      name\n      contacts\n    }\n    program {\n      id\n      name\n      region\n    }\n    targets {\n      key\n      label\n      target\n      unit\n    }\n    metrics {\n      key\n      value\n    }\n    reminders {\n      kind\n      deadline\n      sentAt\n      channel\n      recipient\n    }\n    history {\n      ...AuditEventFields\n    }\n  }\n': typeof types.TaskDetailFragmentDoc;
  '\n  query Directory {\n    units {\n      id\n      name\n      contacts\n    }\n    programs {\n      id\n      name\n      region\n    }\n  }\n': typeof types.DirectoryDocument;
  '\n  query Board($asOf: DateTime) {\n    board(asOf: $asOf) {\n      asOf\n      units {\n        id\n        name\n      }\n      programs {\n        id\n        name\n        region\n      }\n      cells {\n        unit {\n          id\n        }\n        program {\n          id\n        }\n        total\n        assigned\n        inProgress\n        blocked\n        completed\n        cancelled\n        overdue\n      }\n    }\n  }\n': typeof types.BoardDocument;
  '\n  query TaskLights($after: String) {\n    tasks(first: 50, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TaskLight\n        }\n      }\n    }\n  }\n': typeof types.TaskLightsDocument;
  '\n  query Tasks($filter: TaskFilter, $first: Int, $after: String) {\n    tasks(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...TaskRow\n        }\n      }\n    }\n  }\n': typeof types.TasksDocument;
  '\n  query Task($id: ID!, $asOf: DateTime) {\n    task(id: $id, asOf: $asOf) {\n      ...TaskDetail\n    }\n  }\n': typeof types.TaskDocument;
  '\n  query AuditLog($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...AuditEventFields\n        }\n      }\n    }\n  }\n': typeof types.AuditLogDocument;
  '\n  query FirstEvent {\n    auditLog(first: 1) {\n      edges {\n        node {\n          occurredAt\n        }\n      }\n    }\n  }\n': typeof types.FirstEventDocument;
  '\n  query VerifyHistory($streamId: String) {\n    verifyHistory(streamId: $streamId) {\n      ok\n      streamsChecked\n      eventsChecked\n      brokenStreamId\n      brokenRevision\n    }\n  }\n': typeof types.VerifyHistoryDocument;
  '\n  subscription TaskChanged($unitId: ID) {\n    taskChanged(unitId: $unitId) {\n      position\n      streamId\n      revision\n      type\n      occurredAt\n      actor {\n        id\n        name\n        role\n        unitId\n      }\n      data\n    }\n  }\n': typeof types.TaskChangedDocument;
  '\n  mutation AssignTask($input: AssignTaskInput!) {\n    assignTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n': typeof types.AssignTaskDocument;
  '\n  mutation AcknowledgeTask($input: AcknowledgeTaskInput!) {\n    acknowledgeTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n': typeof types.AcknowledgeTaskDocument;
  '\n  mutation ReportProgress($input: ReportProgressInput!) {\n    reportProgress(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n': typeof types.ReportProgressDocument;
  '\n  mutation BlockTask($input: BlockTaskInput!) {\n    blockTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n': typeof types.BlockTaskDocument;
  '\n  mutation UnblockTask($input: UnblockTaskInput!) {\n    unblockTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n': typeof types.UnblockTaskDocument;
  '\n  mutation CompleteTask($input: CompleteTaskInput!) {\n    completeTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n': typeof types.CompleteTaskDocument;
  '\n  mutation ReassignTask($input: ReassignTaskInput!) {\n    reassignTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n': typeof types.ReassignTaskDocument;
  '\n  mutation ChangeDeadline($input: ChangeDeadlineInput!) {\n    changeDeadline(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n': typeof types.ChangeDeadlineDocument;
  '\n  mutation ReopenTask($input: ReopenTaskInput!) {\n    reopenTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n': typeof types.ReopenTaskDocument;
  '\n  mutation CancelTask($input: CancelTaskInput!) {\n    cancelTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n': typeof types.CancelTaskDocument;
  '\n  mutation AddComment($input: CommentInput!) {\n    addComment(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n': typeof types.AddCommentDocument;
};
const documents: Documents = {
  '\n  fragment TaskLight on Task {\n    id\n    title\n    status\n    health\n    overdue\n    unit {\n      id\n    }\n    program {\n      id\n    }\n  }\n':
    types.TaskLightFragmentDoc,
  '\n  fragment TaskRow on Task {\n    id\n    title\n    partner\n    assignee\n    status\n    progress\n    deadline\n    overdue\n    wasOverdue\n    health\n    acknowledgedAt\n    updatedAt\n    completedAt\n    unit {\n      id\n      name\n    }\n    program {\n      id\n      name\n    }\n  }\n':
    types.TaskRowFragmentDoc,
  '\n  fragment AuditEventFields on AuditEvent {\n    position\n    streamId\n    revision\n    type\n    occurredAt\n    actor {\n      id\n      name\n      role\n      unitId\n    }\n    data\n    hash\n    previousHash\n  }\n':
    types.AuditEventFieldsFragmentDoc,
  '\n  fragment TaskDetail on Task {\n    ...TaskRow\n    description\n    revision\n    createdAt\n    unit {\n      id\n      name\n      contacts\n    }\n    program {\n      id\n      name\n      region\n    }\n    targets {\n      key\n      label\n      target\n      unit\n    }\n    metrics {\n      key\n      value\n    }\n    reminders {\n      kind\n      deadline\n      sentAt\n      channel\n      recipient\n    }\n    history {\n      ...AuditEventFields\n    }\n  }\n':
    types.TaskDetailFragmentDoc,
  '\n  query Directory {\n    units {\n      id\n      name\n      contacts\n    }\n    programs {\n      id\n      name\n      region\n    }\n  }\n':
    types.DirectoryDocument,
  '\n  query Board($asOf: DateTime) {\n    board(asOf: $asOf) {\n      asOf\n      units {\n        id\n        name\n      }\n      programs {\n        id\n        name\n        region\n      }\n      cells {\n        unit {\n          id\n        }\n        program {\n          id\n        }\n        total\n        assigned\n        inProgress\n        blocked\n        completed\n        cancelled\n        overdue\n      }\n    }\n  }\n':
    types.BoardDocument,
  '\n  query TaskLights($after: String) {\n    tasks(first: 50, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TaskLight\n        }\n      }\n    }\n  }\n':
    types.TaskLightsDocument,
  '\n  query Tasks($filter: TaskFilter, $first: Int, $after: String) {\n    tasks(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...TaskRow\n        }\n      }\n    }\n  }\n':
    types.TasksDocument,
  '\n  query Task($id: ID!, $asOf: DateTime) {\n    task(id: $id, asOf: $asOf) {\n      ...TaskDetail\n    }\n  }\n':
    types.TaskDocument,
  '\n  query AuditLog($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...AuditEventFields\n        }\n      }\n    }\n  }\n':
    types.AuditLogDocument,
  '\n  query FirstEvent {\n    auditLog(first: 1) {\n      edges {\n        node {\n          occurredAt\n        }\n      }\n    }\n  }\n':
    types.FirstEventDocument,
  '\n  query VerifyHistory($streamId: String) {\n    verifyHistory(streamId: $streamId) {\n      ok\n      streamsChecked\n      eventsChecked\n      brokenStreamId\n      brokenRevision\n    }\n  }\n':
    types.VerifyHistoryDocument,
  '\n  subscription TaskChanged($unitId: ID) {\n    taskChanged(unitId: $unitId) {\n      position\n      streamId\n      revision\n      type\n      occurredAt\n      actor {\n        id\n        name\n        role\n        unitId\n      }\n      data\n    }\n  }\n':
    types.TaskChangedDocument,
  '\n  mutation AssignTask($input: AssignTaskInput!) {\n    assignTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n':
    types.AssignTaskDocument,
  '\n  mutation AcknowledgeTask($input: AcknowledgeTaskInput!) {\n    acknowledgeTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n':
    types.AcknowledgeTaskDocument,
  '\n  mutation ReportProgress($input: ReportProgressInput!) {\n    reportProgress(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n':
    types.ReportProgressDocument,
  '\n  mutation BlockTask($input: BlockTaskInput!) {\n    blockTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n':
    types.BlockTaskDocument,
  '\n  mutation UnblockTask($input: UnblockTaskInput!) {\n    unblockTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n':
    types.UnblockTaskDocument,
  '\n  mutation CompleteTask($input: CompleteTaskInput!) {\n    completeTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n':
    types.CompleteTaskDocument,
  '\n  mutation ReassignTask($input: ReassignTaskInput!) {\n    reassignTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n':
    types.ReassignTaskDocument,
  '\n  mutation ChangeDeadline($input: ChangeDeadlineInput!) {\n    changeDeadline(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n':
    types.ChangeDeadlineDocument,
  '\n  mutation ReopenTask($input: ReopenTaskInput!) {\n    reopenTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n':
    types.ReopenTaskDocument,
  '\n  mutation CancelTask($input: CancelTaskInput!) {\n    cancelTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n':
    types.CancelTaskDocument,
  '\n  mutation AddComment($input: CommentInput!) {\n    addComment(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n':
    types.AddCommentDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment TaskLight on Task {\n    id\n    title\n    status\n    health\n    overdue\n    unit {\n      id\n    }\n    program {\n      id\n    }\n  }\n',
): (typeof documents)['\n  fragment TaskLight on Task {\n    id\n    title\n    status\n    health\n    overdue\n    unit {\n      id\n    }\n    program {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment TaskRow on Task {\n    id\n    title\n    partner\n    assignee\n    status\n    progress\n    deadline\n    overdue\n    wasOverdue\n    health\n    acknowledgedAt\n    updatedAt\n    completedAt\n    unit {\n      id\n      name\n    }\n    program {\n      id\n      name\n    }\n  }\n',
): (typeof documents)['\n  fragment TaskRow on Task {\n    id\n    title\n    partner\n    assignee\n    status\n    progress\n    deadline\n    overdue\n    wasOverdue\n    health\n    acknowledgedAt\n    updatedAt\n    completedAt\n    unit {\n      id\n      name\n    }\n    program {\n      id\n      name\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment AuditEventFields on AuditEvent {\n    position\n    streamId\n    revision\n    type\n    occurredAt\n    actor {\n      id\n      name\n      role\n      unitId\n    }\n    data\n    hash\n    previousHash\n  }\n',
): (typeof documents)['\n  fragment AuditEventFields on AuditEvent {\n    position\n    streamId\n    revision\n    type\n    occurredAt\n    actor {\n      id\n      name\n      role\n      unitId\n    }\n    data\n    hash\n    previousHash\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment TaskDetail on Task {\n    ...TaskRow\n    description\n    revision\n    createdAt\n    unit {\n      id\n      name\n      contacts\n    }\n    program {\n      id\n      name\n      region\n    }\n    targets {\n      key\n      label\n      target\n      unit\n    }\n    metrics {\n      key\n      value\n    }\n    reminders {\n      kind\n      deadline\n      sentAt\n      channel\n      recipient\n    }\n    history {\n      ...AuditEventFields\n    }\n  }\n',
): (typeof documents)['\n  fragment TaskDetail on Task {\n    ...TaskRow\n    description\n    revision\n    createdAt\n    unit {\n      id\n      name\n      contacts\n    }\n    program {\n      id\n      name\n      region\n    }\n    targets {\n      key\n      label\n      target\n      unit\n    }\n    metrics {\n      key\n      value\n    }\n    reminders {\n      kind\n      deadline\n      sentAt\n      channel\n      recipient\n    }\n    history {\n      ...AuditEventFields\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Directory {\n    units {\n      id\n      name\n      contacts\n    }\n    programs {\n      id\n      name\n      region\n    }\n  }\n',
): (typeof documents)['\n  query Directory {\n    units {\n      id\n      name\n      contacts\n    }\n    programs {\n      id\n      name\n      region\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Board($asOf: DateTime) {\n    board(asOf: $asOf) {\n      asOf\n      units {\n        id\n        name\n      }\n      programs {\n        id\n        name\n        region\n      }\n      cells {\n        unit {\n          id\n        }\n        program {\n          id\n        }\n        total\n        assigned\n        inProgress\n        blocked\n        completed\n        cancelled\n        overdue\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Board($asOf: DateTime) {\n    board(asOf: $asOf) {\n      asOf\n      units {\n        id\n        name\n      }\n      programs {\n        id\n        name\n        region\n      }\n      cells {\n        unit {\n          id\n        }\n        program {\n          id\n        }\n        total\n        assigned\n        inProgress\n        blocked\n        completed\n        cancelled\n        overdue\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query TaskLights($after: String) {\n    tasks(first: 50, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TaskLight\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query TaskLights($after: String) {\n    tasks(first: 50, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TaskLight\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Tasks($filter: TaskFilter, $first: Int, $after: String) {\n    tasks(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...TaskRow\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Tasks($filter: TaskFilter, $first: Int, $after: String) {\n    tasks(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...TaskRow\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Task($id: ID!, $asOf: DateTime) {\n    task(id: $id, asOf: $asOf) {\n      ...TaskDetail\n    }\n  }\n',
): (typeof documents)['\n  query Task($id: ID!, $asOf: DateTime) {\n    task(id: $id, asOf: $asOf) {\n      ...TaskDetail\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query AuditLog($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...AuditEventFields\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query AuditLog($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...AuditEventFields\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query FirstEvent {\n    auditLog(first: 1) {\n      edges {\n        node {\n          occurredAt\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query FirstEvent {\n    auditLog(first: 1) {\n      edges {\n        node {\n          occurredAt\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query VerifyHistory($streamId: String) {\n    verifyHistory(streamId: $streamId) {\n      ok\n      streamsChecked\n      eventsChecked\n      brokenStreamId\n      brokenRevision\n    }\n  }\n',
): (typeof documents)['\n  query VerifyHistory($streamId: String) {\n    verifyHistory(streamId: $streamId) {\n      ok\n      streamsChecked\n      eventsChecked\n      brokenStreamId\n      brokenRevision\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription TaskChanged($unitId: ID) {\n    taskChanged(unitId: $unitId) {\n      position\n      streamId\n      revision\n      type\n      occurredAt\n      actor {\n        id\n        name\n        role\n        unitId\n      }\n      data\n    }\n  }\n',
): (typeof documents)['\n  subscription TaskChanged($unitId: ID) {\n    taskChanged(unitId: $unitId) {\n      position\n      streamId\n      revision\n      type\n      occurredAt\n      actor {\n        id\n        name\n        role\n        unitId\n      }\n      data\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AssignTask($input: AssignTaskInput!) {\n    assignTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation AssignTask($input: AssignTaskInput!) {\n    assignTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AcknowledgeTask($input: AcknowledgeTaskInput!) {\n    acknowledgeTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation AcknowledgeTask($input: AcknowledgeTaskInput!) {\n    acknowledgeTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ReportProgress($input: ReportProgressInput!) {\n    reportProgress(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation ReportProgress($input: ReportProgressInput!) {\n    reportProgress(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation BlockTask($input: BlockTaskInput!) {\n    blockTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation BlockTask($input: BlockTaskInput!) {\n    blockTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UnblockTask($input: UnblockTaskInput!) {\n    unblockTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation UnblockTask($input: UnblockTaskInput!) {\n    unblockTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CompleteTask($input: CompleteTaskInput!) {\n    completeTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CompleteTask($input: CompleteTaskInput!) {\n    completeTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ReassignTask($input: ReassignTaskInput!) {\n    reassignTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation ReassignTask($input: ReassignTaskInput!) {\n    reassignTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ChangeDeadline($input: ChangeDeadlineInput!) {\n    changeDeadline(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation ChangeDeadline($input: ChangeDeadlineInput!) {\n    changeDeadline(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ReopenTask($input: ReopenTaskInput!) {\n    reopenTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation ReopenTask($input: ReopenTaskInput!) {\n    reopenTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CancelTask($input: CancelTaskInput!) {\n    cancelTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CancelTask($input: CancelTaskInput!) {\n    cancelTask(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AddComment($input: CommentInput!) {\n    addComment(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation AddComment($input: CommentInput!) {\n    addComment(input: $input) {\n      position\n      task {\n        ...TaskDetail\n      }\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
