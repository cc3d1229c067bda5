import { Field, ID, InputType, Int } from '@nestjs/graphql';

/**
 * The fields mutation inputs share, declared once: each input picks the ones it takes
 * (PickType), so `taskId`, `expectedRevision` and `idempotencyKey` mean the same everywhere.
 * Abstract: it is no type of the schema itself.
 */
@InputType({ isAbstract: true })
export class CommandFields {
  /** A unit's or programme's id. */
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  taskId!: string;

  @Field(() => Int, { nullable: true })
  expectedRevision?: number | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;

  @Field()
  reason!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
