// 日本語（ビジネス向けの丁寧語）。ステータス名は Partner Center に合わせ、指定名とソリューション領域名は
// Microsoft の日本語ページと同じく英語の名称のままとします。日付（2026年11月21日）の前後には空白を入れず、
// 英数字の名前や数値の前後には半角空白を入れます。
import type { Wording } from './wording.js';

export const ja: Wording = {
  language: 'ja',
  statusLabels: {
    inProgress: '進行中',
    qualified: '要件達成',
    enrolled: '登録済み',
    renewalDue: '登録済み（更新期限）',
  },
  metricNames: {
    netCustomerAdds: '純顧客増加数',
    intermediateCertifications: '中級認定資格',
    advancedCertifications: '上級認定資格',
    usageGrowth: '使用量の増加',
    deployments: 'デプロイ',
  },
  trackNames: { enterprise: 'エンタープライズ', smb: 'SMB（中堅中小企業）' },
  designation: 'Solutions Partner for {area}',
  days: { other: '{n} 日' },
  units: {
    activeUsers: { other: 'アクティブ ユーザー {n} 人' },
    paidSeats: { other: '有料ライセンス {n} 件' },
  },
  greeting: '{partner} ご担当者様',
  closing: 'Designation Tracker',
  footer:
    'このメールは、Designation Tracker にパートナー {partnerId} の連絡先として登録されている方にお送りしています。日付はすべて UTC の日付です。参照番号：{reference}',
  labels: {
    designation: '指定',
    line: '{label}：{value}',
    status: 'ステータス',
    day: '日付',
    anniversary: '記念日',
    renewalWindow: '更新期間',
    range: '{start}～{end}',
    score: '{asOf}時点のスコア：',
    track: 'トラック',
    total: '合計',
    totalValue: '{total} 点（要件達成には {threshold} 点が必要）',
    metricValue: '{max} 点中 {points} 点',
    qualificationWindow: '資格判定期間',
    eligibilityWindow: '更新資格の判定期間',
  },
  noAnniversary: '登録の記念日と更新期間は、Partner Center（メンバーシップ → Solutions Partner）でご確認いただけます。',
  generic: {
    subject: '{partner} の {designation}：{status}',
    intro: '{day}、{partner} の {designation} のステータスが「{status}」になりました。',
  },
  eligibility: {
    eligible:
      '次のステップ：{partner} は期間内のある日に要件を達成したため、{designation} を更新できます。指定と特典を途切れさせないよう、更新期間中（遅くとも{renewEnd}まで）に Partner Center で更新してください。',
    notYetEligible:
      '次のステップ：{partner} は期間内に要件を達成した日がないため、まだ {designation} を更新できません。{qualifyBy}までのいずれか 1 日で要件を達成すれば、更新できるようになります。{renewEnd}までに更新しない場合、指定は失効します。',
    unknown: '次のステップ：{designation} を更新できるかどうかを Partner Center でご確認のうえ、遅くとも{renewEnd}までに更新してください。',
  },
  plan: {
    reach: '{designation} が {threshold} 点に達するための手順：',
    hold: '来月も {designation} を {threshold} 点以上に保つための手順：',
    notFound:
      'プランナーの探索範囲内では、{threshold} 点に達する手順の組み合わせが見つかりませんでした。各指標が上限までどれだけ残っているかは、Partner Center でご確認いただけます。',
    notFoundHold: 'プランナーの探索範囲内では、来月も {designation} を {threshold} 点に保つ手順の組み合わせが見つかりませんでした。',
    noneNeeded: '{threshold} 点以上を保つために、追加の手順は必要ありません。',
    certification: '担当者 {personId} が認定資格「{certification}」を取得する（{metric}）。',
    certificationNewPerson: 'パートナーに新たに紐付けたメンバーが認定資格「{certification}」を取得する（{metric}）。',
    newCustomer: '{month}に新規顧客（テナント {tenantId}、{association}）を獲得し、{name} の利用を {amount}分確保する（{metric}）。',
    moreUsage: '{month}に顧客 {tenantId}（{association}）での {name} の利用を {amount}分増やす（{metric}）。',
    newDeployment: '{month}に顧客 {tenantId}（{association}）で {name} をデプロイし、{amount}分の利用を確保する（{metric}）。',
  },
  kinds: {
    qualified: {
      subject: '{partner} が {designation} の要件を達成しました',
      intro: ['{day}、{partner} は {designation} の要件スコアに到達しました。現在のステータスは「{status}」です。'],
      next: '次のステップ：{enrollBy}までに Partner Center（メンバーシップ → Solutions Partner）で登録できます。当月とその前の {previousMonths} か月からなるローリング期間内に要件を達成した日がある限り、ステータスは「要件達成」のままです。その後に再び要件を達成すると、この期間は延長されます。',
    },
    'no-longer-qualified': {
      subject: '{partner} は {designation} の要件を満たさなくなりました',
      intro: ['{day}、{designation} の資格判定期間内に要件を達成した日がなくなったため、ステータスは「{status}」に戻りました。'],
      next: '次のステップ：{partner} がいずれかの日に再び要件を達成すると、ステータスは「要件達成」に戻り、登録できるようになります。期間と各月の最高スコアは、Partner Center でご確認いただけます。',
    },
    enrolled: {
      subject: '{partner} が {designation} に登録されました',
      intro: ['{day}、{partner} は {designation} に登録されました。現在のステータスは「{status}」です。'],
      automatic:
        '{day}、{designation} が {partner} の登録に自動的に追加されました。別のソリューション領域で要件を達成した Solutions Partner は、追加料金なしでその領域にも登録されます。現在のステータスは「{status}」です。',
      dates: '指定は記念日である{anniversary}まで有効です。更新期間は{renewStart}から{renewEnd}までです。',
      datesInWindow: 'この登録の記念日（{anniversary}）はすでに過ぎています。更新期間は{renewEnd}までです。',
      datesPast:
        'この登録の記念日（{anniversary}）と更新期間（{renewEnd}まで）はすでに過ぎています。現在の記念日は、Partner Center（メンバーシップ → Solutions Partner）でご確認いただけます。',
      next: '次のステップ：更新するには、{partner} が{eligStart}から{eligEnd}までの少なくとも 1 日で要件を達成する必要があります。',
      nextQualifies:
        '現時点で必要な対応はありません。{designation} は本日、要件を達成しています。更新には{eligStart}から{eligEnd}までの間に要件を達成した日が 1 日あれば十分なため、その期間までスコアを {threshold} 点以上に保ってください。',
      nextEligible:
        '現時点で必要な対応はありません。{designation} は{eligStart}から{eligEnd}までの期間内である本日、要件を達成しているため、{partner} は更新期間（{renewStart}～{renewEnd}）に更新できます。',
    },
    'renewal-due': {
      subject: '更新期限：{partner} の {designation}',
      intro: [
        '{day}、{designation} の更新期間が始まりました（記念日：{anniversary}）。更新期間は{renewEnd}に終了し、それまで特典は継続します。現在のステータスは「{status}」です。',
      ],
    },
    renewed: {
      subject: '{partner} が {designation} を更新しました',
      intro: ['{day}、{partner} は {designation} を更新しました。現在のステータスは「{status}」です。'],
      dates: '次回の記念日は{anniversary}、次回の更新期間は{renewStart}から{renewEnd}までです。',
      next: '現時点で必要な対応はありません。次回も更新するには、{partner} が{eligStart}から{eligEnd}までの少なくとも 1 日で要件を達成する必要があります。',
    },
    lapsed: {
      subject: '{partner} の {designation} が失効しました',
      intro: [
        '{designation} の更新期間（記念日：{anniversary}）は、更新されないまま{renewEnd}に終了しました。{day}、ステータスは「{status}」に戻りました。',
      ],
      lost: '失われたもの：{partner} は {designation}、そのバッジ、および関連する特典を保持していません。',
      next: '次のステップ：指定を再び取得するには、{partner} が改めて要件を達成し、Partner Center で Solutions Partner オファーを新たに購入する必要があります。',
      nextQualifies:
        '次のステップ：{designation} は本日要件を達成しているため、{partner} は Partner Center で Solutions Partner オファーを新たに購入すれば、指定を再び取得できます。',
    },
    'enrollment-withdrawn': {
      subject: '{partner} の {designation} の登録が解除されました',
      intro: [
        '{day}、Partner Center で {partner} が {designation} の登録済みパートナーとして表示されなくなりました。現在のステータスは「{status}」です。',
      ],
      dates: 'この登録の記念日は{anniversary}でした。',
      next: '影響：指定、バッジ、特典は {partner} に適用されなくなりました。心当たりがない場合は、Partner Center（メンバーシップ → Solutions Partner）で登録状況をご確認ください。',
    },
    'renewal-reminder': {
      subjectBefore: 'リマインダー：{partner} の {designation} は{anniversary}に更新時期を迎えます（あと {daysUntil}）',
      subjectInWindow: 'リマインダー：{partner} の {designation} の更新期間は{renewEnd}に終了します（あと {daysLeft}）',
      before:
        '{designation} の記念日（{anniversary}）まで、あと {daysUntil} です。更新期間は{renewStart}から{renewEnd}までです。ステータスは「{status}」です。',
      inWindow:
        '{designation} の更新期間（記念日：{anniversary}）は{renewEnd}に終了します（あと {daysLeft}）。ステータスは「{status}」です。',
    },
    'at-risk': {
      subject: 'ご注意：{partner} の {designation} が {threshold} 点を下回るおそれがあります',
      intro: [
        '{day}、来月の予測で {partner} の {designation} が {threshold} 点を下回る見込みとなりました。ステータスは「{status}」で、現時点では変わっていません。',
      ],
      forecast: '{forecastDay}時点の予測：{forecastTotal} 点（本日 {total} 点）。低下する指標は「{metric}」です。',
      forecastMetric:
        '{forecastDay}時点の予測：{forecastTotal} 点（本日 {total} 点）。低下する指標は「{metric}」で、本日は {metricMax} 点中 {metricPoints} 点です。',
      meaning:
        '{threshold} 点を下回る日があってもステータスはすぐには変わりませんが、その日は要件達成日として数えられません。「要件達成」の維持、登録、更新資格の取得には、要件を達成した日が必要です。',
      next: '次のステップ：スコアを {threshold} 点以上に保ってください。各指標の上限に対する状況は、Partner Center でご確認いただけます。',
    },
    'claim-competing': {
      subject: '競合する申請：{partner} の申請 {claimId} と同じ {customerShort} の {workloads} を別のパートナーが申請しました',
      intro: [
        '{since}、別のパートナーが、貴社の申請 {claim} と同じ顧客ワークロードについて CPOR 申請を提出しました。Microsoft はそれがどのパートナーかを開示しないため、このメールでもお知らせしません。',
      ],
      claimTitle: '貴社の申請：',
      labels: {
        claim: '申請',
        customer: '顧客',
        workloads: '双方が申請したワークロード',
        solutionArea: 'ソリューション領域',
        claimStatus: '申請のステータス',
      },
      claimNamed: '{claimId}（「{name}」）',
      customerDomain: '{domain}（テナント {tenantId}）',
      customerTenant: 'テナント {tenantId}',
      workloadSubscription: '{workloads}、サブスクリプション {subscriptionId}',
      stake:
        '影響：この申請による CPOR 関連付けは {designation} に加算されます。この顧客ワークロードの関連付けを持てるパートナーは 1 社のみです。',
      nextUndecided:
        '今後の流れ：Microsoft は、競合する申請を最新の実施証明に基づいて裁定します。それまで貴社の申請は審査中のままで、審査に通常より時間がかかる場合があります。関連付けが {partner} に加算されるのは、Microsoft がこの申請を承認した場合のみです。',
      nextApproved:
        '今後の流れ：貴社の申請は当面承認済みのままです。Microsoft は、競合する申請を最新の実施証明に基づいて裁定します。もう一方の申請が承認された場合、{workloads} に関する {partner} の関連付けはその承認の翌日まで加算され、その後終了します。',
      nextDraft:
        '今後の流れ：貴社の申請はまだ下書きです。提出されると、Microsoft はもう一方の申請と照らし合わせて審査し、最新の実施証明に基づいて裁定します。審査に通常より時間がかかる場合があります。',
      canDo:
        '貴社にできること：申請 {claimId} の実施証明が最新であること、つまりこの作業について顧客と合意した最新の文書（顧客が署名した作業範囲記述書など）とその日付であることをご確認ください。申請が「{actionRequired}」の間は、Partner Center で差し替えることができます。',
      statusLabels: {
        draft: '下書き',
        submitted: '提出済み',
        'under-review': '審査中',
        'partner-action-required': 'パートナーの対応が必要',
        approved: '承認済み',
        rejected: '却下',
        dispute: '異議申し立て中',
        'rejected-final': '却下（確定）',
        expired: '期限切れ',
      },
    },
  },
};
