/**
 * Every operation the board sends, written against the public GraphQL contract only.
 * `npm run codegen` turns them into typed documents in ../gql/graphql.ts (`TasksDocument`…),
 * which the pages import directly (the `graphql()` lookup map would ship every query twice).
 */
import { graphql } from '../gql';

export const TaskLightFragment = graphql(`
  fragment TaskLight on Task {
    id
    title
    status
    health
    overdue
    unit {
      id
    }
    program {
      id
    }
  }
`);

export const TaskRowFragment = graphql(`
  fragment TaskRow on Task {
    id
    title
    partner
    assignee
    status
    progress
    deadline
    overdue
    wasOverdue
    health
    acknowledgedAt
    updatedAt
    completedAt
    unit {
      id
      name
    }
    program {
      id
      name
    }
  }
`);

export const AuditEventFieldsFragment = graphql(`
  fragment AuditEventFields on AuditEvent {
    position
    streamId
    revision
    type
    occurredAt
    actor {
      id
      name
      role
      unitId
    }
    data
    hash
    previousHash
  }
`);

export const TaskDetailFragment = graphql(`
  fragment TaskDetail on Task {
    ...TaskRow
    description
    revision
    createdAt
    unit {
      id
      name
      contacts
    }
    program {
      id
      name
      region
    }
    targets {
      key
      label
      target
      unit
    }
    metrics {
      key
      value
    }
    reminders {
      kind
      deadline
      sentAt
      channel
      recipient
    }
    history {
      ...AuditEventFields
    }
  }
`);

export const DirectoryQuery = graphql(`
  query Directory {
    units {
      id
      name
      contacts
    }
    programs {
      id
      name
      region
    }
  }
`);

export const BoardQuery = graphql(`
  query Board($asOf: DateTime) {
    board(asOf: $asOf) {
      asOf
      units {
        id
        name
      }
      programs {
        id
        name
        region
      }
      cells {
        unit {
          id
        }
        program {
          id
        }
        total
        assigned
        inProgress
        blocked
        completed
        cancelled
        overdue
      }
    }
  }
`);

export const TaskLightsQuery = graphql(`
  query TaskLights($after: String) {
    tasks(first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...TaskLight
        }
      }
    }
  }
`);

export const TasksQuery = graphql(`
  query Tasks($filter: TaskFilter, $first: Int, $after: String) {
    tasks(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...TaskRow
        }
      }
    }
  }
`);

export const TaskQuery = graphql(`
  query Task($id: ID!, $asOf: DateTime) {
    task(id: $id, asOf: $asOf) {
      ...TaskDetail
    }
  }
`);

export const AuditLogQuery = graphql(`
  query AuditLog($filter: AuditFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...AuditEventFields
        }
      }
    }
  }
`);

export const FirstEventQuery = graphql(`
  query FirstEvent {
    auditLog(first: 1) {
      edges {
        node {
          occurredAt
        }
      }
    }
  }
`);

export const VerifyHistoryQuery = graphql(`
  query VerifyHistory($streamId: String) {
    verifyHistory(streamId: $streamId) {
      ok
      streamsChecked
      eventsChecked
      brokenStreamId
      brokenRevision
    }
  }
`);

export const TaskChangedSubscription = graphql(`
  subscription TaskChanged($unitId: ID) {
    taskChanged(unitId: $unitId) {
      position
      streamId
      revision
      type
      occurredAt
      actor {
        id
        name
        role
        unitId
      }
      data
    }
  }
`);

export const AssignTaskMutation = graphql(`
  mutation AssignTask($input: AssignTaskInput!) {
    assignTask(input: $input) {
      position
      task {
        ...TaskDetail
      }
    }
  }
`);

export const AcknowledgeTaskMutation = graphql(`
  mutation AcknowledgeTask($input: AcknowledgeTaskInput!) {
    acknowledgeTask(input: $input) {
      position
      task {
        ...TaskDetail
      }
    }
  }
`);

export const ReportProgressMutation = graphql(`
  mutation ReportProgress($input: ReportProgressInput!) {
    reportProgress(input: $input) {
      position
      task {
        ...TaskDetail
      }
    }
  }
`);

export const BlockTaskMutation = graphql(`
  mutation BlockTask($input: BlockTaskInput!) {
    blockTask(input: $input) {
      position
      task {
        ...TaskDetail
      }
    }
  }
`);

export const UnblockTaskMutation = graphql(`
  mutation UnblockTask($input: UnblockTaskInput!) {
    unblockTask(input: $input) {
      position
      task {
        ...TaskDetail
      }
    }
  }
`);

export const CompleteTaskMutation = graphql(`
  mutation CompleteTask($input: CompleteTaskInput!) {
    completeTask(input: $input) {
      position
      task {
        ...TaskDetail
      }
    }
  }
`);

export const ReassignTaskMutation = graphql(`
  mutation ReassignTask($input: ReassignTaskInput!) {
    reassignTask(input: $input) {
      position
      task {
        ...TaskDetail
      }
    }
  }
`);

export const ChangeDeadlineMutation = graphql(`
  mutation ChangeDeadline($input: ChangeDeadlineInput!) {
    changeDeadline(input: $input) {
      position
      task {
        ...TaskDetail
      }
    }
  }
`);

export const ReopenTaskMutation = graphql(`
  mutation ReopenTask($input: ReopenTaskInput!) {
    reopenTask(input: $input) {
      position
      task {
        ...TaskDetail
      }
    }
  }
`);

export const CancelTaskMutation = graphql(`
  mutation CancelTask($input: CancelTaskInput!) {
    cancelTask(input: $input) {
      position
      task {
        ...TaskDetail
      }
    }
  }
`);

export const AddCommentMutation = graphql(`
  mutation AddComment($input: CommentInput!) {
    addComment(input: $input) {
      position
      task {
        ...TaskDetail
      }
    }
  }
`);
