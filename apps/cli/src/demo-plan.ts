/**
 * The demo plan: the 2023 work report of a Guangdong vocational college's
 * counterpart-assistance programme,
 * laid out as one school year that ends around "now" so the board shows every
 * traffic light. Offsets are days relative to the moment the demo is loaded.
 */
import type { MetricTarget, MetricValue } from '#domain';

export interface DemoUnit {
  readonly id: string;
  readonly name: string;
  readonly contacts: string[];
}

export interface DemoProgram {
  readonly id: string;
  readonly name: string;
  readonly region: string;
}

/** One thing that happens to a task, `day` days from the load time (negative: in the past). */
export type DemoStep =
  | { readonly day: number; readonly do: 'acknowledge'; readonly note?: string }
  | {
      readonly day: number;
      readonly do: 'progress';
      readonly progress: number;
      readonly note: string;
      readonly metrics?: MetricValue[];
      readonly evidence?: string[];
    }
  | { readonly day: number; readonly do: 'block'; readonly reason: string }
  | { readonly day: number; readonly do: 'unblock'; readonly note?: string }
  | { readonly day: number; readonly do: 'deadline'; readonly deadlineDay: number; readonly reason: string }
  | {
      readonly day: number;
      readonly do: 'complete';
      readonly summary: string;
      readonly metrics?: MetricValue[];
      readonly evidence?: string[];
    }
  | { readonly day: number; readonly do: 'comment'; readonly text: string };

export interface DemoTask {
  /** Fixed UUID so the demo is idempotent across runs. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly programId: string;
  readonly partner: string;
  readonly unitId: string;
  readonly assignee: string;
  readonly assignedDay: number;
  readonly deadlineDay: number;
  readonly targets: MetricTarget[];
  readonly steps: DemoStep[];
}

export const DEMO_UNITS: DemoUnit[] = [
  { id: 'management', name: '管理学院', contacts: ['glxy@example.edu.cn'] },
  { id: 'automotive', name: '汽车技术学院', contacts: ['qcxy@example.edu.cn'] },
  { id: 'teacher-dev', name: '教师发展中心', contacts: ['jsfz@example.edu.cn'] },
  { id: 'textile-food', name: '轻纺食品系', contacts: ['qfsp@example.edu.cn'] },
  { id: 'student-affairs', name: '学生工作部', contacts: ['xgb@example.edu.cn'] },
  { id: 'info-center', name: '信息技术中心', contacts: ['xxzx@example.edu.cn'] },
];

export const DEMO_PROGRAMS: DemoProgram[] = [
  { id: 'tibet', name: '援藏', region: '西藏林芝' },
  { id: 'xinjiang', name: '援疆', region: '新疆' },
  { id: 'gansu-guizhou', name: '援甘援黔', region: '甘肃、贵州' },
  { id: 'other-aid', name: '其他援建', region: '广东' },
  { id: 'heilongjiang', name: '粤黑东西协作', region: '黑龙江大兴安岭' },
  { id: 'alliance', name: '跨区域协同发展共同体', region: '8省（区）21所院校' },
  { id: 'basic-edu', name: '基础教育全口径帮扶', region: '广东揭阳惠来县' },
];

const doc = (name: string): string => `https://docs.example.edu.cn/duikou/2023/${name}`;

export const DEMO_TASKS: DemoTask[] = [
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000001',
    title: '组织林芝市职业技术学校管理干部培训',
    description: '组织林芝职校管理干部到广东工商职业技术大学和广州科技职业技术大学培训。',
    programId: 'tibet',
    partner: '林芝市职业技术学校',
    unitId: 'management',
    assignee: '宋炜',
    assignedDay: -300,
    deadlineDay: -150,
    targets: [{ key: 'trainees', label: '培训人数', target: 92, unit: '人' }],
    steps: [
      { day: -298, do: 'acknowledge', note: '已签收，拟分两批组织' },
      {
        day: -240,
        do: 'progress',
        progress: 50,
        note: '第一批 46 人完成培训',
        metrics: [{ key: 'trainees', value: 46 }],
      },
      {
        day: -160,
        do: 'complete',
        summary: '管理干部 92 人完成培训并结业',
        metrics: [{ key: 'trainees', value: 92 }],
        evidence: [doc('linzhi-training-roster.pdf')],
      },
    ],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000002',
    title: '为林芝职校捐赠智慧校园系统',
    description: '捐赠价值 2500 万元的智慧校园系统并完成部署验收。',
    programId: 'tibet',
    partner: '林芝市职业技术学校',
    unitId: 'info-center',
    assignee: '信息技术中心主任',
    assignedDay: -290,
    deadlineDay: -60,
    targets: [{ key: 'value', label: '捐赠价值', target: 25000000, unit: '元' }],
    steps: [
      { day: -285, do: 'acknowledge' },
      { day: -200, do: 'progress', progress: 40, note: '完成需求调研与方案设计' },
      { day: -120, do: 'progress', progress: 80, note: '系统部署完成，进入试运行' },
      {
        day: -70,
        do: 'complete',
        summary: '智慧校园系统验收通过，捐赠协议签署',
        metrics: [{ key: 'value', value: 25000000 }],
        evidence: [doc('smart-campus-acceptance.pdf')],
      },
    ],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000003',
    title: '推进“3+3”粤林中高职联合培养',
    description: '首创“3+3”粤林中高职联合培养，制订衔接人才培养方案。',
    programId: 'tibet',
    partner: '林芝市职业技术学校',
    unitId: 'management',
    assignee: '李桂锋',
    assignedDay: -280,
    deadlineDay: 25,
    targets: [{ key: 'plans', label: '衔接培养方案', target: 2, unit: '份' }],
    steps: [
      { day: -275, do: 'acknowledge' },
      {
        day: -100,
        do: 'progress',
        progress: 60,
        note: '完成一份衔接方案',
        metrics: [{ key: 'plans', value: 1 }],
      },
    ],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000004',
    title: '指导喀什职业技术学院服装专业毕业设计',
    description: '安排专业教师挂职喀什职业技术学院，帮扶指导服装专业毕业设计。',
    programId: 'xinjiang',
    partner: '喀什职业技术学院',
    unitId: 'textile-food',
    assignee: '宋杰',
    assignedDay: -270,
    deadlineDay: 60,
    targets: [{ key: 'students', label: '指导学生', target: 40, unit: '人' }],
    steps: [
      { day: -268, do: 'acknowledge' },
      {
        day: -90,
        do: 'progress',
        progress: 45,
        note: '完成开题指导',
        metrics: [{ key: 'students', value: 18 }],
      },
    ],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000005',
    title: '接收新疆轻工职业技术学院食品分院副院长跟岗学习',
    description: '新疆轻工职业技术学院食品分院副院长到教师发展中心跟岗学习一年。',
    programId: 'xinjiang',
    partner: '新疆轻工职业技术学院',
    unitId: 'teacher-dev',
    assignee: '教师发展中心',
    assignedDay: -260,
    deadlineDay: 100,
    targets: [{ key: 'months', label: '跟岗月数', target: 12, unit: '月' }],
    steps: [
      { day: -255, do: 'acknowledge' },
      {
        day: -30,
        do: 'progress',
        progress: 70,
        note: '已跟岗 8 个月',
        metrics: [{ key: 'months', value: 8 }],
      },
    ],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000006',
    title: '援建新疆理工职业大学服装工程学院首批专业人才培养方案',
    description: '与河北、河南、成都兄弟院校组成“小组团”，完成首批招生专业人才培养方案和实训室建设规划。',
    programId: 'xinjiang',
    partner: '新疆理工职业大学',
    unitId: 'textile-food',
    assignee: '轻纺食品系主任',
    assignedDay: -250,
    deadlineDay: -120,
    targets: [{ key: 'plans', label: '人才培养方案', target: 3, unit: '份' }],
    steps: [
      { day: -248, do: 'acknowledge' },
      {
        day: -150,
        do: 'progress',
        progress: 60,
        note: '两份方案完成初稿',
        metrics: [{ key: 'plans', value: 2 }],
      },
      {
        day: -105,
        do: 'complete',
        summary: '三份人才培养方案和实训室建设规划交付',
        metrics: [{ key: 'plans', value: 3 }],
        evidence: [doc('xjlg-curricula.zip')],
      },
    ],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000007',
    title: '培黎职业学院六个方面帮扶',
    description:
      '挂职培黎职业学院文旅学院院长，在专业、课程资源、实训基地、师资、学生培养、党建六个方面帮扶。',
    programId: 'gansu-guizhou',
    partner: '培黎职业学院',
    unitId: 'management',
    assignee: '宋炜',
    assignedDay: -240,
    deadlineDay: 30,
    targets: [{ key: 'areas', label: '帮扶方面', target: 6, unit: '项' }],
    steps: [
      { day: -235, do: 'acknowledge' },
      {
        day: -120,
        do: 'progress',
        progress: 50,
        note: '成立储水江名师工作室',
        metrics: [{ key: 'areas', value: 3 }],
      },
      { day: -40, do: 'block', reason: '实训基地建设资金待培黎职院审批' },
    ],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000008',
    title: '培训毕节职业技术学院教师',
    description: '汽车技术学院接收贵州毕节职业技术学院教师来校培训。',
    programId: 'gansu-guizhou',
    partner: '毕节职业技术学院',
    unitId: 'automotive',
    assignee: '汽车技术学院',
    assignedDay: -230,
    deadlineDay: -100,
    targets: [{ key: 'teachers', label: '培训教师', target: 7, unit: '人' }],
    steps: [
      { day: -228, do: 'acknowledge' },
      {
        day: -110,
        do: 'complete',
        summary: '7 名教师完成培训',
        metrics: [{ key: 'teachers', value: 7 }],
        evidence: [doc('bijie-certificates.pdf')],
      },
    ],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000009',
    title: '为汕职院学工干部、辅导员开展专项培训',
    description: '为汕职院 100 多名学工干部、辅导员开展专项培训。',
    programId: 'other-aid',
    partner: '汕职院',
    unitId: 'student-affairs',
    assignee: '学生工作部',
    assignedDay: -220,
    deadlineDay: -80,
    targets: [{ key: 'trainees', label: '培训人数', target: 100, unit: '人' }],
    steps: [
      { day: -215, do: 'acknowledge' },
      {
        day: -85,
        do: 'complete',
        summary: '完成 106 名学工干部、辅导员专项培训',
        metrics: [{ key: 'trainees', value: 106 }],
      },
    ],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000010',
    title: '接纳汕职院中层干部跟岗学习',
    description: '分两批次接纳汕职院中层干部实地跟岗学习。',
    programId: 'other-aid',
    partner: '汕职院',
    unitId: 'management',
    assignee: '管理学院办公室',
    assignedDay: -60,
    deadlineDay: 45,
    targets: [{ key: 'cadres', label: '跟岗干部', target: 30, unit: '人' }],
    steps: [{ day: -55, do: 'acknowledge', note: '第二批跟岗安排在下月' }],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000011',
    title: '组织边远地区职教师资培训',
    description: '面向大兴安岭职业学院等边远地区院校组织职教师资培训，满意度不低于 95%。',
    programId: 'heilongjiang',
    partner: '大兴安岭职业学院',
    unitId: 'teacher-dev',
    assignee: '教师发展中心',
    assignedDay: -200,
    deadlineDay: 6,
    targets: [
      { key: 'teachers', label: '培训师资', target: 313, unit: '人' },
      { key: 'satisfaction', label: '满意度', target: 95, unit: '%' },
    ],
    steps: [
      { day: -195, do: 'acknowledge' },
      {
        day: -20,
        do: 'progress',
        progress: 85,
        note: '已培训 270 人',
        metrics: [
          { key: 'teachers', value: 270 },
          { key: 'satisfaction', value: 96 },
        ],
      },
    ],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000012',
    title: '向大兴安岭职业学院开放线上专题培训讲座',
    description: '“广轻大学”专题培训讲座通过腾讯会议同步向大兴安岭职业学院老师开放。',
    programId: 'heilongjiang',
    partner: '大兴安岭职业学院',
    unitId: 'teacher-dev',
    assignee: '教师发展中心',
    assignedDay: -210,
    deadlineDay: -190,
    targets: [{ key: 'teachers', label: '线上参训教师', target: 25, unit: '人' }],
    steps: [
      {
        day: -196,
        do: 'complete',
        summary: '25 名教师线上参训，颁发培训证书',
        metrics: [{ key: 'teachers', value: 25 }],
      },
    ],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000013',
    title: '举办共同体高质量发展研讨会并促成校企合作签约',
    description: '举办“职业院校跨区域协同发展共同体”高质量发展研讨会，促成校企合作意向签约。',
    programId: 'alliance',
    partner: '共同体成员院校',
    unitId: 'management',
    assignee: '对口支援办公室',
    assignedDay: -180,
    deadlineDay: -10,
    targets: [{ key: 'agreements', label: '校企合作意向签约', target: 26, unit: '项' }],
    steps: [
      { day: -175, do: 'acknowledge' },
      {
        day: -40,
        do: 'progress',
        progress: 70,
        note: '研讨会已举办，签约 18 项',
        metrics: [{ key: 'agreements', value: 18 }],
      },
    ],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000014',
    title: '举办惠来县信息技术应用能力提升师资培训班',
    description: '为惠来县 27 所中小学校骨干教师举办为期 5 天的信息技术应用能力提升培训。',
    programId: 'basic-edu',
    partner: '惠来县教育局',
    unitId: 'info-center',
    assignee: '信息技术中心',
    assignedDay: -160,
    deadlineDay: -90,
    targets: [
      { key: 'teachers', label: '骨干教师', target: 60, unit: '人' },
      { key: 'schools', label: '覆盖学校', target: 27, unit: '所' },
    ],
    steps: [
      { day: -150, do: 'acknowledge' },
      { day: -100, do: 'deadline', deadlineDay: -85, reason: '惠来县教育局调整培训时间' },
      {
        day: -95,
        do: 'complete',
        summary: '5 天培训结业，60 名骨干教师参训',
        metrics: [
          { key: 'teachers', value: 60 },
          { key: 'schools', value: 27 },
        ],
      },
    ],
  },
  {
    id: '2b1c7a10-0e0f-4d1a-9a51-000000000015',
    title: '组织“助力惠来”志愿服务夏令营',
    description: '组织实践队赴靖海镇开展 12 天社会实践，举办英语和推广普通话夏令营。',
    programId: 'basic-edu',
    partner: '惠来第二中学',
    unitId: 'student-affairs',
    assignee: '学生工作部',
    assignedDay: -50,
    deadlineDay: 40,
    targets: [{ key: 'pupils', label: '参加中小学生', target: 270, unit: '人' }],
    steps: [
      { day: -45, do: 'acknowledge' },
      { day: -15, do: 'block', reason: '等待惠来县教育局确认场地' },
      { day: -14, do: 'comment', text: '已发函惠来县教育局，预计两周内回复' },
    ],
  },
];
