import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../graphql/scalars.js';
import { ProgramModel } from '../programs/program.model.js';
import { UnitModel } from '../units/unit.model.js';

@ObjectType('BoardCell', {
  description: "One square of the whole-school chessboard: a unit's tasks in one programme.",
})
export class BoardCellModel {
  @Field(() => UnitModel)
  unit!: UnitModel;

  @Field(() => ProgramModel)
  program!: ProgramModel;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  assigned!: number;

  @Field(() => Int)
  inProgress!: number;

  @Field(() => Int)
  blocked!: number;

  @Field(() => Int)
  completed!: number;

  @Field(() => Int)
  cancelled!: number;

  @Field(() => Int)
  overdue!: number;
}

@ObjectType('Board')
export class BoardModel {
  @Field(() => DateTimeScalar)
  asOf!: string;

  @Field(() => [UnitModel])
  units!: UnitModel[];

  @Field(() => [ProgramModel])
  programs!: ProgramModel[];

  @Field(() => [BoardCellModel])
  cells!: BoardCellModel[];
}
