import { Field, ID, InputType } from '@nestjs/graphql';

/** The fields the unit and programme mutations share, declared once; abstract, no schema type. */
@InputType({ isAbstract: true })
export class DirectoryEntryFields {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
