import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { RoleEnum } from '../graphql/enums.js';
import { PageInfoModel } from '../graphql/page-info.model.js';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars.js';

@ObjectType('Actor')
export class ActorModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => RoleEnum)
  role!: RoleEnum;

  @Field(() => ID, { nullable: true })
  unitId!: string | null;
}

@ObjectType('AuditEvent', { description: 'One recorded event, as auditors see it.' })
export class AuditEventModel {
  @Field({ description: 'Position in the global log, as a decimal string (64-bit safe).' })
  position!: string;

  @Field()
  streamId!: string;

  @Field(() => Int, { description: '0-based revision of the event within its stream.' })
  revision!: number;

  @Field()
  type!: string;

  @Field(() => DateTimeScalar)
  occurredAt!: string;

  @Field(() => ActorModel)
  actor!: ActorModel;

  @Field(() => JSONScalar)
  data!: unknown;

  @Field({ description: 'Hash of this event, chained to the previous event of the same stream.' })
  hash!: string;

  @Field(() => String, { nullable: true })
  previousHash!: string | null;
}

@ObjectType('AuditEdge')
export class AuditEdgeModel {
  @Field()
  cursor!: string;

  @Field(() => AuditEventModel)
  node!: AuditEventModel;
}

@ObjectType('AuditConnection')
export class AuditConnectionModel {
  @Field(() => [AuditEdgeModel])
  edges!: AuditEdgeModel[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;
}

@ObjectType('HistoryVerification')
export class HistoryVerificationModel {
  @Field()
  ok!: boolean;

  @Field(() => Int)
  streamsChecked!: number;

  @Field(() => Int)
  eventsChecked!: number;

  @Field(() => String, { nullable: true, description: 'First stream whose chain does not verify, if any.' })
  brokenStreamId!: string | null;

  @Field(() => Int, { nullable: true })
  brokenRevision!: number | null;
}
