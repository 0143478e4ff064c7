// Stable error codes: the API's contract with every client. Add a code here with both messages;
// never rename one that has shipped.
export const ERRORS = {
  unauthenticated: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  invalid_credentials: { status: 401, zh: '手机号或密码错误', en: 'Wrong phone number or password' },
  session_expired: {
    status: 401,
    zh: '登录已过期，请重新登录',
    en: 'Your session has expired; please sign in again',
  },
  forbidden: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  not_found: { status: 404, zh: '找不到该记录', en: 'Not found' },
  route_not_found: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  validation_failed: { status: 422, zh: '提交的内容有误', en: 'The request is not valid' },
  reason_required: {
    status: 422,
    zh: '查看完整证件号需要填写事由',
    en: 'A reason is required to reveal an ID number',
  },
  conflict: { status: 409, zh: '记录已存在或已被修改', en: 'The record already exists or was changed' },
  duplicate_phone: { status: 409, zh: '该手机号已被使用', en: 'This phone number is already in use' },
  duplicate_room: { status: 409, zh: '该楼栋已有此房号', en: 'This building already has that room' },
  invalid_parent: { status: 422, zh: '上级组织类型不正确', en: 'The parent has the wrong kind' },
  not_a_building: { status: 422, zh: '只能选择楼栋', en: 'The org unit must be a building' },
  has_children: { status: 409, zh: '还有下级或住户，不能删除', en: 'It still has children or households' },
  too_many_requests: {
    status: 429,
    zh: '尝试次数过多，请稍后再试',
    en: 'Too many attempts; try again later',
  },
  payload_too_large: { status: 413, zh: '文件过大', en: 'The file is too large' },
  unsupported_media_type: { status: 415, zh: '请求内容类型不受支持', en: 'Unsupported content type' },
  unsupported_file: {
    status: 415,
    zh: '文件格式不支持，请上传 .xlsx 文件',
    en: 'Unsupported file; upload an .xlsx file',
  },
  file_rejected: {
    status: 422,
    zh: '文件无法读取或可能有害',
    en: 'The file cannot be read or may be harmful',
  },
  roster_target_invalid: {
    status: 422,
    zh: '花名册只能导入到社区或小区',
    en: 'A roster is imported into a community or a compound',
  },
  import_failed: {
    status: 422,
    zh: '导入未完成：存在错误行',
    en: 'Import not applied: some rows have errors',
  },
  user_disabled: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  // Party tree, grids, departments, partner units.
  party_kind_nesting: {
    status: 422,
    zh: '党组织层级不正确：社区党组织设在社区且无上级，党总支/党支部隶属社区党组织或党总支，党小组隶属党支部',
    en: 'Wrong party organisation level: a community committee sits at a community with no parent, general branches and branches sit under a committee or general branch, groups under a branch',
  },
  outside_parent_unit: {
    status: 422,
    zh: '所选组织不在上级党组织的辖区内',
    en: "The org unit lies outside the parent party organisation's area",
  },
  not_a_community: { status: 422, zh: '只能选择社区', en: 'The org unit must be a community' },
  party_committee_exists: {
    status: 409,
    zh: '该社区已有社区党组织',
    en: 'This community already has a party committee',
  },
  workplace_required: {
    status: 422,
    zh: '在职党员报到需填写工作单位',
    en: 'A registered member needs the workplace they serve at',
  },
  secretary_not_member: {
    status: 422,
    zh: '书记须先登记为本党组织成员',
    en: 'The secretary must first be a member of this party organisation',
  },
  party_member_elsewhere: {
    status: 409,
    zh: '该党员的组织关系已在其他党组织',
    en: 'This party member already belongs to another party organisation',
  },
  building_in_other_grid: {
    status: 409,
    zh: '该楼栋已划入其他网格',
    en: 'This building already lies in another grid',
  },
  building_not_in_community: {
    status: 422,
    zh: '楼栋不在该网格所属社区内',
    en: "The building is not in the grid's community",
  },
  not_a_grid_worker: {
    status: 422,
    zh: '所选用户不是本辖区的网格员',
    en: 'The user is not a grid worker in this area',
  },
  department_level: {
    status: 422,
    zh: '职能部门只能设在区或街道',
    en: 'A department sits at a district or subdistrict',
  },
  duplicate_department_code: {
    status: 409,
    zh: '该部门编码已被使用',
    en: 'This department code is already in use',
  },
  duplicate_name: {
    status: 409,
    zh: '同一范围内已有同名记录',
    en: 'Another record here already has this name',
  },
  insufficient_points: { status: 409, zh: '积分余额不足', en: 'Not enough points' },
  illegal_transition: {
    status: 409,
    zh: '当前状态不能执行此操作',
    en: 'This action is not possible in the current state',
  },
  separation_of_duties: {
    status: 403,
    zh: '不能审核自己申报或已初核的申报',
    en: 'You may not check or approve a claim you made or already checked',
  },
  not_grid_worker_of_building: {
    status: 403,
    zh: '只有该楼栋所在网格的网格员可以初核',
    en: 'Only the grid worker of this building may check the claim',
  },
  rule_not_in_force: {
    status: 422,
    zh: '该日期没有生效的积分细则或规则',
    en: 'No rulebook or rule is in force on that date',
  },
  rule_not_declarable: { status: 403, zh: '该规则不能由您申报', en: 'You may not declare this rule' },
  rule_not_for_participant: {
    status: 422,
    zh: '该规则不适用于此参与者类型',
    en: 'This rule is not for this kind of participant',
  },
  evidence_required: { status: 422, zh: '该规则需要上传照片', en: 'This rule needs a photo' },
  cap_exceeded: { status: 422, zh: '超过该规则的积分上限', en: "This would exceed the rule's cap" },
  deed_in_future: { status: 422, zh: '事项日期不能晚于今天', en: 'The date cannot be in the future' },
  rulebook_not_draft: {
    status: 409,
    zh: '已生效的细则不能修改，请新建修订版本',
    en: 'An active rulebook cannot change; create a new version',
  },
  effective_date_invalid: {
    status: 422,
    zh: '生效日期必须晚于当前版本的生效日期',
    en: "The start date must follow the current version's",
  },
  posting_exists: { status: 409, zh: '该期公示已发布', en: 'This period has already been posted' },
  nothing_to_post: { status: 422, zh: '没有待公示的积分', en: 'There are no approved claims to post' },
  posting_closed: { status: 409, zh: '公示期已结束', en: 'The posting window has closed' },
  not_on_posting: { status: 422, zh: '该积分不在此期公示中', en: 'That claim is not on an open posting' },
  already_objected: {
    status: 409,
    zh: '您已对该项提出过异议',
    en: 'You have already objected to this claim',
  },
  objection_decided: { status: 409, zh: '该异议已处理', en: 'This objection has already been decided' },
  // Quarterly summaries (一季一汇总) and annual awards (一年一表彰).
  summary_unit_invalid: {
    status: 422,
    zh: '季度汇总只能按社区或街道生成',
    en: 'A quarterly summary is made for a community or a subdistrict',
  },
  award_exists: {
    status: 409,
    zh: '该社区本年度已有此表彰类别',
    en: 'This community already has this award category for the year',
  },
  award_published: {
    status: 409,
    zh: '该表彰已发布，不能再修改',
    en: 'This award has been published and can no longer change',
  },
  award_winner_not_candidate: {
    status: 422,
    zh: '获奖人须为本社区该年度符合条件的积分获得者',
    en: "Winners must be eligible point earners of this community in the award's year",
  },
  award_no_winners: { status: 422, zh: '请先选定获奖人再发布', en: 'Choose the winners before publishing' },
  file_too_large: { status: 413, zh: '图片不能超过 8 MB', en: 'Images may not exceed 8 MB' },
  not_an_image: { status: 415, zh: '只能上传 JPEG、PNG 或 WebP 图片', en: 'Only JPEG, PNG or WebP images' },
  stock_negative: { status: 409, zh: '库存不能小于零', en: 'Stock cannot go below zero' },
  item_unavailable: { status: 409, zh: '该商品当前不可兑换', en: 'This item is not available now' },
  item_not_for_community: {
    status: 403,
    zh: '该商品不面向您所在社区',
    en: 'This item is not offered to your community',
  },
  item_not_for_participant: {
    status: 403,
    zh: '您不在该商品的兑换对象范围内',
    en: 'This item is not offered to you',
  },
  item_hardship_only: {
    status: 403,
    zh: '该商品仅限困难家庭兑换',
    en: 'This item is for hardship households only',
  },
  out_of_stock: { status: 409, zh: '库存不足', en: 'Out of stock' },
  limit_reached: { status: 409, zh: '已达到每人兑换上限', en: 'You have reached the limit for this item' },
  idempotency_key_reused: {
    status: 422,
    zh: '该请求编号已用于另一笔兑换',
    en: 'This idempotency key was used for a different request',
  },
  proxy_not_allowed: {
    status: 403,
    zh: '只能为辖区内的老年居民代为兑换',
    en: 'You may redeem only for elderly residents in your grid',
  },
  voucher_not_found: { status: 404, zh: '找不到该兑换券', en: 'No such voucher' },
  voucher_not_issued: {
    status: 409,
    zh: '该兑换券已核销、已取消或已过期',
    en: 'This voucher was already used, cancelled or has expired',
  },
  voucher_expired: { status: 409, zh: '该兑换券已过期', en: 'This voucher has expired' },
  // Cases: 四单、三事三议、吹哨报到.
  case_category_unknown: {
    status: 422,
    zh: '没有该事项类别，或该类别不适用于此类事件',
    en: 'No such case category, or it is not for this kind of case',
  },
  case_place_invalid: {
    status: 422,
    zh: '事发地点须为楼栋、小区或社区，且在您的范围内',
    en: 'The place must be a building, compound or community within your reach',
  },
  not_case_checker: {
    status: 403,
    zh: '只有该楼栋所在网格的网格员可以核实',
    en: 'Only the grid worker of this building may check the case',
  },
  not_case_level: {
    status: 403,
    zh: '该事项不在您这一级的待办中',
    en: 'This case is not in the queue of your level',
  },
  not_case_assignee: { status: 403, zh: '只有接单方可以办理', en: 'Only the assignee may do this' },
  not_case_reporter: { status: 403, zh: '只有报事人可以评价', en: 'Only the reporter may do this' },
  case_top_level: {
    status: 409,
    zh: '社区公事已是最高一级，请吹哨上报职能部门',
    en: 'Community affairs are the top level; whistle a department instead',
  },
  case_duplicate_target: {
    status: 422,
    zh: '请选择同一社区中另一件未关闭的事项作为合并对象',
    en: 'Choose another open case of the same community to merge into',
  },
  case_field_required: {
    status: 422,
    zh: '此操作缺少必填内容',
    en: 'This action needs more information',
  },
  department_unknown: { status: 422, zh: '找不到该职能部门', en: 'No such department' },
  // H6 lists & demo: the category catalogue editor and party-member dispatch.
  case_assignee_not_member: {
    status: 422,
    zh: '接单人不是本社区党组织的党员或报到党员',
    en: 'The assignee is not a party member (or registered member) of this community',
  },
  case_rule_unknown: {
    status: 422,
    zh: '积分细则中没有该条规则',
    en: 'No such rule in the rulebook in force',
  },
  case_category_level: {
    status: 422,
    zh: '事项分类只能在区、街道或社区设置',
    en: 'Case categories are set at a district, subdistrict or community',
  },
  whistle_not_pending: {
    status: 409,
    zh: '该吹哨事项已报到或已办结',
    en: 'This whistle has already been reported in or resolved',
  },
  // Emergencies (1分钟响应、5分钟到位) and the on-duty list.
  case_not_emergency: {
    status: 409,
    zh: '该事项不是突发事件',
    en: 'This case is not an emergency',
  },
  emergency_step_done: {
    status: 409,
    zh: '该突发事件已响应（或已到位），或已结束',
    en: 'This emergency has already been acknowledged (or reached), or is over',
  },
  duty_user_invalid: {
    status: 422,
    zh: '值班人员须是本社区的工作人员或一线人员',
    en: "Only the community's staff and front-line people can be on its duty list",
  },
  // 一事一策 and 暖心实项目 (projects module).
  project_not_done: {
    status: 409,
    zh: '项目完成后才能评价',
    en: 'A project can be rated only once it is done',
  },
  project_already_rated: {
    status: 409,
    zh: '您已评价过该项目',
    en: 'You have already rated this project',
  },
  project_number_taken: {
    status: 409,
    zh: '该年度清单中已有此编号',
    en: "This number is already used in that year's list",
  },
  project_unit_invalid: {
    status: 422,
    zh: '暖心实项目和一事一策须建在社区或街道',
    en: 'Projects and plans belong to a community or a subdistrict',
  },
  plan_not_editable: {
    status: 409,
    zh: '已完成的一事一策不能修改，请先重新打开',
    en: 'A finished plan cannot be edited; reopen it first',
  },
  // Meetings and check-in (issue 6, H7).
  qr_stale: {
    status: 422,
    zh: '签到码已过期，请扫描现场最新的二维码',
    en: 'This check-in code has expired; scan the current code at the venue',
  },
  qr_invalid: { status: 422, zh: '签到码无效', en: 'This check-in code is not valid' },
  minutes_drafter_cannot_approve: {
    status: 403,
    zh: '会议纪要须由起草人以外的主持人审定',
    en: 'The minutes must be approved by someone other than their drafter',
  },
  minutes_missing: { status: 422, zh: '请先起草会议纪要', en: 'Draft the minutes first' },
  not_meeting_attendee: {
    status: 403,
    zh: '您不是该议事会的成员，也不在开放报名范围内',
    en: 'You are not a member of this body and the meeting is not open to you',
  },
  agenda_case_invalid: {
    status: 422,
    zh: '只能把本议事范围内未办结的事项列入议程',
    en: "Only open cases within the body's area can go on the agenda",
  },
  task_done: { status: 409, zh: '该任务已完成', en: 'This task is already done' },
  venue_unit_invalid: {
    status: 422,
    zh: '场所须属于社区或小区',
    en: 'A venue belongs to a community or a compound',
  },
  body_unit_invalid: {
    status: 422,
    zh: '议事主体须设在社区、小区或楼栋',
    en: 'A body sits at a community, a compound or a building',
  },
  meeting_time_invalid: {
    status: 422,
    zh: '结束时间须晚于开始时间',
    en: 'The end must be after the start',
  },
  // Votes (表决): one household, one vote; the state of a motion; who may vote.
  vote_already_cast: {
    status: 409,
    zh: '您家已投过票（一户一票，手机与纸质票只计一次）',
    en: 'Your household has already voted (one household, one vote, on the phone or on paper)',
  },
  vote_not_open: { status: 409, zh: '该表决未在投票期内', en: 'This motion is not open for voting' },
  vote_not_eligible: {
    status: 403,
    zh: '您不在本次表决的投票范围内（须为范围内住户的成年成员或指定成员）',
    en: 'You may not vote on this motion (adult members of households in its scope, or its named members)',
  },
  vote_bad_transition: {
    status: 409,
    zh: '表决当前状态下不能执行此操作',
    en: 'This cannot be done to the motion in its current state',
  },
  vote_bad_choice: { status: 422, zh: '没有这个选项', en: 'No such option' },
  vote_scope_invalid: {
    status: 422,
    zh: '表决范围须为社区、小区或楼栋',
    en: 'The scope of a vote is a community, a compound or a building',
  },
  vote_meeting_mismatch: {
    status: 422,
    zh: '所选会议不存在，或不在本次表决的范围内',
    en: 'The meeting does not exist or lies outside the scope of this vote',
  },
  vote_electorate_empty: {
    status: 422,
    zh: '表决范围内没有可投票的住户或成员',
    en: 'There is nobody to vote in this scope',
  },
  vote_closes_in_past: {
    status: 422,
    zh: '截止时间须晚于现在',
    en: 'The closing time must be in the future',
  },
  vote_result_not_ready: {
    status: 409,
    zh: '表决结果尚未产生或尚未公布',
    en: 'The result is not computed or not published yet',
  },
  // Open311 API clients.
  open311_client_unit_invalid: {
    status: 422,
    zh: '接入系统只能挂在社区、街道或区一级',
    en: 'An API client must belong to a community, subdistrict or district',
  },
  open311_client_revoked: { status: 409, zh: '该接入密钥已吊销', en: 'This API key is already revoked' },
  // Volunteer activities (issue 7, V2).
  activity_closed: {
    status: 409,
    zh: '该活动已结束、已取消或报名已截止',
    en: 'This activity is over, cancelled or closed for sign-up',
  },
  already_signed_up: {
    status: 409,
    zh: '您已报名该活动',
    en: 'You have already signed up for this activity',
  },
  not_signed_up: {
    status: 409,
    zh: '您未报名该活动或尚未获得名额',
    en: 'You have no place in this activity',
  },
  not_checked_in: { status: 409, zh: '请先签到再签退', en: 'Check in before checking out' },
  checkin_window_closed: {
    status: 409,
    zh: '不在签到时间内（活动开始前30分钟至结束后2小时）',
    en: 'Check-in is open from 30 minutes before the start to 2 hours after the end',
  },
  attendance_confirmed: {
    status: 409,
    zh: '考勤已确认，不能再修改',
    en: 'Attendance has been confirmed and can no longer change',
  },
  activity_times_invalid: {
    status: 422,
    zh: '结束时间须晚于开始时间，报名截止须不晚于结束时间',
    en: 'The end must be after the start, and the sign-up deadline not after the end',
  },
  activity_unit_invalid: {
    status: 422,
    zh: '活动只能挂在社区或小区',
    en: 'An activity must belong to a community or a compound',
  },
  activity_organiser_invalid: {
    status: 422,
    zh: '主办方不存在或不在该社区',
    en: 'The organiser does not exist or is not in this community',
  },
  attendance_minutes_invalid: {
    status: 422,
    zh: '时长须在0到活动时长之间',
    en: 'The minutes must be between 0 and the length of the activity',
  },
  attendance_too_early: {
    status: 409,
    zh: '活动开始后才能确认考勤',
    en: 'Attendance can be confirmed once the activity has started',
  },
  // Venues (issue 7, V3): spaces, bookings that never overlap, recurring service sessions.
  booking_conflict: {
    status: 409,
    zh: '该空间此时段已被预订',
    en: 'This space is already booked for that time',
  },
  outside_opening_hours: {
    status: 422,
    zh: '预订时段须在场所开放时间内',
    en: "The booking must fall within the venue's opening hours",
  },
  booking_in_past: { status: 422, zh: '不能预订已经过去的时间', en: 'A booking cannot start in the past' },
  booking_range_invalid: {
    status: 422,
    zh: '结束时间须晚于开始时间，且不超过当天',
    en: 'The end must be after the start, on the same day',
  },
  booking_cancelled: { status: 409, zh: '该预订已取消', en: 'This booking is already cancelled' },
  space_inactive: { status: 409, zh: '该空间已停用', en: 'This space is no longer in use' },
  space_name_taken: {
    status: 409,
    zh: '本场所已有同名空间',
    en: 'This venue already has a space of that name',
  },
  session_cancelled: { status: 409, zh: '该场次已取消', en: 'This session is cancelled' },
  session_not_started: {
    status: 409,
    zh: '场次开始后才能登记服务人次',
    en: 'Visits can be recorded once the session has started',
  },
  session_started: {
    status: 409,
    zh: '已开始的场次不能取消',
    en: 'A session that has started cannot be cancelled',
  },
  // Partners (issue 7, V5): 幸福家园合伙人 and their cooperative projects.
  partner_no_home: {
    status: 422,
    zh: '只有登记了住址的居民才能成为合伙人',
    en: 'Only residents with a registered home can become partners',
  },
  partner_exists: {
    status: 409,
    zh: '您已是合伙人或申请正在审核中',
    en: 'You are already a partner or your application is under review',
  },
  partner_state: {
    status: 409,
    zh: '合伙人当前状态不允许此操作',
    en: 'The partner is not in a state that allows this',
  },
  partner_not_approved: {
    status: 422,
    zh: '只有审核通过的合伙人才能发起或牵头项目',
    en: 'Only approved partners can propose or lead a project',
  },
  partner_project_unit_invalid: {
    status: 422,
    zh: '项目只能归属本人所在的社区或小区',
    en: 'A project belongs to a community or compound where its leads live',
  },
  partner_project_transition: {
    status: 409,
    zh: '项目当前状态不允许此操作',
    en: 'The project is not in a state that allows this',
  },
  partner_project_reason_required: {
    status: 422,
    zh: '请填写不通过或取消的原因',
    en: 'Give a reason for declining or cancelling',
  },
  partner_project_closed: {
    status: 409,
    zh: '该项目目前不接受报名',
    en: 'This project is not taking participants now',
  },
  partner_project_full: { status: 409, zh: '名额已满', en: 'No places left' },
  partner_project_joined: { status: 409, zh: '您已报名该项目', en: 'You have already joined this project' },
  partner_project_not_joined: { status: 409, zh: '您未报名该项目', en: 'You have not joined this project' },
  partner_project_lead_joins: {
    status: 409,
    zh: '项目牵头人无需报名',
    en: 'A lead of the project does not join it as a participant',
  },
  // ── volunteer teams, posts, profiles (V1) ──
  volunteer_team_unit_invalid: {
    status: 422,
    zh: '志愿服务队只能设在社区或小区',
    en: 'A volunteer team belongs to a community or a compound',
  },
  volunteer_team_inactive: { status: 409, zh: '该志愿服务队已停用', en: 'This volunteer team is inactive' },
  volunteer_post_invalid: {
    status: 422,
    zh: '岗位不属于该志愿服务队或已停用',
    en: 'The post is not an active post of this team',
  },
  volunteer_profile_missing: {
    status: 409,
    zh: '请先登记志愿者档案',
    en: 'Register your volunteer profile first',
  },
  volunteer_already_member: {
    status: 409,
    zh: '已是该志愿服务队成员',
    en: 'Already a member of this volunteer team',
  },
  volunteer_outside_team: {
    status: 422,
    zh: '只能加入本社区或本小区的志愿服务队',
    en: "Only a volunteer living in the team's community or compound can join it",
  },
  volunteer_figures_range: {
    status: 422,
    zh: '统计月份范围无效（起始不能晚于结束，最长 36 个月）',
    en: 'Invalid month range (from must not be after to; at most 36 months)',
  },
  // 共享工具箱 (toolbox, issue 7, V4): stock, loans, returns.
  tool_unavailable: {
    status: 409,
    zh: '该工具暂无可借数量，请等待归还',
    en: 'No unit of this tool is free now; wait until one is returned',
  },
  tool_retired: { status: 409, zh: '该工具已停用，不再出借', en: 'This tool is retired and no longer lent' },
  tool_stock_below_out: {
    status: 409,
    zh: '库存不能少于已借出的数量',
    en: 'The stock cannot be less than the units out on loan',
  },
  loan_returned: {
    status: 409,
    zh: '该借用已归还或已登记遗失',
    en: 'This loan has already been returned or marked lost',
  },
  extend_once: { status: 409, zh: '每次借用只能续借一次', en: 'A loan can be extended only once' },
  loan_due_invalid: {
    status: 422,
    zh: '应还日期无效（不能早于今天，最长 90 天）',
    en: 'Invalid due date (not before today, at most 90 days ahead)',
  },
  borrower_outside_community: {
    status: 422,
    zh: '借用人须是本社区居民',
    en: "The borrower must live in the tool's community",
  },
  internal: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export type Locale = 'zh-CN' | 'en-US';

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return locale === 'en-US' ? ERRORS[code].en : ERRORS[code].zh;
}

/** The body of every error response. */
export type ErrorBody = {
  error: { code: ErrorCode; message: string; requestId: string; details?: unknown };
};
