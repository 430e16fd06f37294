/**
 * Every error code the product answers with, its HTTP status and its message in Japanese and
 * English. Japanese is the source language; texts named in product.md §3 appear here verbatim.
 */
export const errorCatalog = {
  // generic
  bad_request: { status: 400, ja: '入力内容に誤りがあります。', en: 'The request is not valid.' },
  validation_failed: {
    status: 400,
    ja: '入力内容に誤りがあります。各項目をご確認ください。',
    en: 'Some fields are not valid. Please check each field.',
  },
  not_found: { status: 404, ja: 'お探しのページまたはデータが見つかりません。', en: 'Not found.' },
  unauthenticated: {
    status: 401,
    ja: 'ログインしてください。',
    en: 'Please log in.',
  },
  labor_alert_not_found: {
    status: 404,
    ja: 'この労務アラートは見つかりません。',
    en: 'This labour alert was not found.',
  },
  labor_alert_range_too_long: {
    status: 400,
    ja: '期間は24か月以内で指定してください。',
    en: 'Choose a range of at most 24 months.',
  },
  forbidden: {
    status: 403,
    ja: 'この操作を行う権限がありません。',
    en: 'You do not have permission to do this.',
  },
  csrf_failed: {
    status: 403,
    ja: '画面の有効期限が切れました。ページを再読み込みしてからもう一度お試しください。',
    en: 'This page has expired. Please reload it and try again.',
  },
  rate_limited: {
    status: 429,
    ja: '試行回数が多すぎます。{seconds}秒ほど待ってからもう一度お試しください。',
    en: 'Too many attempts. Please wait about {seconds} seconds and try again.',
  },
  internal_error: {
    status: 500,
    ja: '申し訳ございません。サーバーでエラーが発生しました。しばらくしてからもう一度お試しください。',
    en: 'Sorry, something went wrong on the server. Please try again later.',
  },
  database_unavailable: {
    status: 503,
    ja: 'データベースに接続できません。しばらくしてからもう一度お試しください。',
    en: 'The database is not reachable. Please try again later.',
  },
  // security and operations (issue 12): the database answers but refuses writes (disk full, read-only)
  database_write_failed: {
    status: 503,
    ja: 'データベースに書き込めないため、保存できませんでした。管理者にお問い合わせください（ディスクの空き容量と、データベースが読み取り専用になっていないかをご確認ください）。',
    en: 'The database refuses writes, so nothing could be saved. Please contact your administrator (check the free disk space and whether the database is read-only).',
  },
  // contracts
  contract_id_invalid: {
    status: 400,
    ja: '契約IDは半角英小文字・数字・ハイフンで3〜20文字で入力してください。',
    en: 'A contract ID is 3–20 characters of lower-case letters, digits and hyphens.',
  },
  contract_id_taken: {
    status: 409,
    ja: '契約ID「{contractId}」はすでに使われています。別の契約IDをご指定ください。',
    en: 'The contract ID "{contractId}" is already taken. Please choose another.',
  },
  contract_not_found: {
    status: 404,
    ja: '契約ID「{contractId}」の契約が見つかりません。',
    en: 'No contract with the ID "{contractId}".',
  },
  plan_invalid: {
    status: 400,
    ja: 'プランは standard, premium, premium_plus, enterprise のいずれかを指定してください。',
    en: 'The plan must be one of standard, premium, premium_plus, enterprise.',
  },
  audit_chain_broken: {
    status: 409,
    ja: '改ざんを検出しました: {chain} の {id} 番の行が記録時と一致しません。',
    en: 'Tampering detected: row {id} of {chain} no longer matches what was recorded.',
  },
  api_token_invalid: {
    status: 401,
    ja: 'APIトークンが正しくないか、削除または期限切れです。',
    en: 'The API token is wrong, deleted or expired.',
  },
  api_token_scope_missing: {
    status: 403,
    ja: 'このAPIトークンには {scope} の権限がありません。',
    en: 'This API token lacks the scope {scope}.',
  },
  api_token_scopes_invalid: {
    status: 400,
    ja: 'スコープは staff:read,punches:write のように「領域:read」または「領域:write」で指定してください（領域: {areas}）。',
    en: 'Give scopes as area:read or area:write, e.g. staff:read,punches:write (areas: {areas}).',
  },
  webhook_url_invalid: {
    status: 400,
    ja: 'URLは http:// または https:// で始まる正しいURLを入力してください。',
    en: 'Give a valid URL starting with http:// or https://.',
  },
  webhook_url_forbidden: {
    status: 400,
    ja: 'このURLには送信できません（社内ネットワーク・ループバック・リンクローカル等のアドレス）。許可するには WEBHOOK_ALLOW_HOSTS を設定してください。',
    en: 'Webhooks cannot be sent to this address (a private, loopback or link-local range). An operator may allow it with WEBHOOK_ALLOW_HOSTS.',
  },
  webhook_url_unresolvable: {
    status: 400,
    ja: 'URLのホスト名を解決できませんでした。',
    en: 'The host name of the URL could not be resolved.',
  },
  webhook_events_invalid: {
    status: 400,
    ja: '通知するイベントを1つ以上選んでください（{events}）。',
    en: 'Choose at least one event ({events}).',
  },
  webhook_limit_reached: {
    status: 422,
    ja: 'Webhookは1契約あたり{limit}件までです。',
    en: 'A contract may have at most {limit} webhooks.',
  },
  plan_required: {
    status: 403,
    ja: 'この機能は{plan}プラン以上でご利用いただけます。',
    en: 'This feature needs the {plan} plan or higher.',
  },
  clock_pin_invalid: {
    status: 400,
    ja: '出退勤画面用PINコードは4桁の数字で入力してください。',
    en: 'The clock-screen PIN is exactly four digits.',
  },
  // accounts
  email_invalid: {
    status: 400,
    ja: 'メールアドレスの形式が正しくありません。',
    en: 'The e-mail address is not valid.',
  },
  email_taken: {
    status: 409,
    ja: 'このメールアドレスはすでに登録されています。',
    en: 'This e-mail address is already registered.',
  },
  password_invalid: {
    status: 400,
    ja: 'パスワードは8〜128文字で入力してください。',
    en: 'A password is 8 to 128 characters long.',
  },
  name_required: { status: 400, ja: '名前を入力してください。', en: 'Please enter a name.' },
  // product.md §3: exact texts
  login_failed: {
    status: 401,
    ja: 'アカウントを認証できませんでした。',
    en: 'We could not authenticate your account.',
  },
  login_stopped: {
    status: 403,
    ja: '{contractId}へのアクセスを制限されています。',
    en: 'Access to {contractId} is restricted.',
  },
  app_login_failed: {
    status: 401,
    ja: 'ユーザーIDまたはパスワードが正しくありません。',
    en: 'The user ID or password is incorrect.',
  },
  app_user_unavailable: {
    status: 403,
    ja: 'ユーザーを取得できませんでした。',
    en: 'The user could not be retrieved.',
  },
  // sessions, tokens, verification
  session_expired: {
    status: 401,
    ja: 'ログインの有効期限が切れました。もう一度ログインしてください。',
    en: 'Your session has ended. Please log in again.',
  },
  contract_not_selected: {
    status: 409,
    ja: 'ログインする契約を選択してください。',
    en: 'Please choose the contract to log in to.',
  },
  token_invalid: {
    status: 404,
    ja: 'このリンクは無効です。メールのリンクをもう一度ご確認ください。',
    en: 'This link is not valid. Please check the link in the e-mail.',
  },
  token_used: {
    status: 410,
    ja: 'このリンクはすでに使用されています。',
    en: 'This link has already been used.',
  },
  token_expired: {
    status: 410,
    ja: 'このリンクは有効期限が切れています。',
    en: 'This link has expired.',
  },
  password_required: {
    status: 400,
    ja: 'パスワードを入力してください。',
    en: 'Please enter a password.',
  },
  login_id_invalid: {
    status: 400,
    ja: 'アカウントIDは半角英数字3〜20文字で入力してください。',
    en: 'An account ID is 3–20 half-width letters and digits.',
  },
  login_id_taken: {
    status: 409,
    ja: 'このアカウントIDはすでに使われています。',
    en: 'This account ID is already taken.',
  },
  already_verified: {
    status: 409,
    ja: 'このスタッフはすでに認証済みです。',
    en: 'This staff member is already verified.',
  },
  email_required_for_verification: {
    status: 422,
    ja: 'メールアドレスが登録されていないため、認証メールを送信できません。',
    en: 'No e-mail address is registered, so no verification mail can be sent.',
  },
  // staff and offices
  staff_not_found: { status: 404, ja: 'スタッフが見つかりません。', en: 'Staff member not found.' },
  office_not_found: { status: 404, ja: '事業所が見つかりません。', en: 'Office not found.' },
  office_not_editable: {
    status: 403,
    ja: 'この事業所の事業所管理の編集権限がありません。',
    en: 'You do not have the edit right on this office.',
  },
  staff_code_taken: {
    status: 409,
    ja: 'このスタッフコードはすでに使われています。',
    en: 'This staff code is already in use.',
  },
  staff_email_taken: {
    status: 409,
    ja: 'このメールアドレスのスタッフはすでに登録されています。',
    en: 'A staff member with this e-mail address already exists.',
  },
  passcode_invalid: {
    status: 400,
    ja: 'パスコードは4桁の数字で入力してください。',
    en: 'A passcode is exactly four digits.',
  },
  date_invalid: {
    status: 400,
    ja: '日付は YYYY-MM-DD の形式で入力してください。',
    en: 'Dates are written YYYY-MM-DD.',
  },
  retired_before_hired: {
    status: 400,
    ja: '退職日は入社日以降の日付を入力してください。',
    en: 'The leaving date must not be before the hiring date.',
  },
  work_style_invalid: {
    status: 400,
    ja: '勤務形態は「固定」または「シフト制」（fixed / shift）で指定してください。',
    en: 'The work style must be 固定 (fixed) or シフト制 (shift).',
  },
  kana_invalid: {
    status: 400,
    ja: 'フリガナは全角カタカナで入力してください。',
    en: 'Please write the furigana in full-width katakana.',
  },
  text_too_long: { status: 400, ja: '入力が長すぎます。', en: 'The text is too long.' },
  cannot_stop_self: {
    status: 422,
    ja: 'ご自身のログインを停止することはできません。',
    en: 'You cannot stop your own login.',
  },
  last_admin: {
    status: 422,
    ja: 'システム管理者が1人もいなくなるため、この変更はできません。',
    en: 'This change would leave the contract without a system administrator.',
  },
  // punching
  punch_invalid_state: {
    status: 409,
    ja: '現在の状態ではこの打刻はできません。画面を更新して、表示されているボタンから打刻してください。',
    en: 'This punch is not possible in the current state. Refresh the screen and use the buttons shown.',
  },
  photo_required: {
    status: 422,
    ja: 'この打刻には写真が必要です。カメラの使用を許可し、顔が写るようにしてからもう一度打刻してください。',
    en: 'This punch needs a photo. Allow the camera, face it and punch again.',
  },
  photo_too_large: {
    status: 413,
    ja: '写真のサイズが大きすぎます（200KBまで）。画面を再読み込みしてからもう一度打刻してください。',
    en: 'The photo is too large (200 KB at most). Reload the screen and punch again.',
  },
  photo_invalid: {
    status: 400,
    ja: '写真の形式が正しくありません（JPEGのみ）。画面を再読み込みしてからもう一度打刻してください。',
    en: 'The photo is not a JPEG image. Reload the screen and punch again.',
  },
  location_required: {
    status: 422,
    ja: 'この打刻には位置情報が必要です。ブラウザの設定で位置情報の利用を許可してから、もう一度打刻してください。',
    en: 'This punch needs your location. Allow location access in your browser settings and punch again.',
  },
  location_invalid: {
    status: 400,
    ja: '位置情報の形式が正しくありません。',
    en: 'The location is not valid.',
  },
  outside_geofence: {
    status: 422,
    ja: '打刻可能範囲の外にいるため打刻できません（事業所から約{distance}m、範囲は{radius}m、精度±{accuracy}m）。事業所の近くでもう一度打刻してください。',
    en: 'You are outside the area where punching is allowed (about {distance} m from the office; the area is {radius} m, accuracy ±{accuracy} m). Punch again near the office.',
  },
  punch_type_invalid: {
    status: 400,
    ja: '打刻の種類が正しくありません。',
    en: 'The punch type is not valid.',
  },
  punch_busy: {
    status: 503,
    ja: '打刻が混み合っています。もう一度打刻してください。',
    en: 'Punching is busy right now. Please punch again.',
  },
  idempotency_key_invalid: {
    status: 400,
    ja: '打刻の識別子（Idempotency-Key）が正しくありません。',
    en: 'The Idempotency-Key header is missing or not valid.',
  },
  idempotency_key_reused: {
    status: 409,
    ja: 'この Idempotency-Key は別の内容の打刻にすでに使われています。打刻ごとに新しいキーを使ってください。',
    en: 'This Idempotency-Key was already used for a different punch. Use a new key for each punch.',
  },
  punch_staff_required: {
    status: 400,
    ja: 'staffId か staffCode のどちらか一方を指定してください。',
    en: 'Give either staffId or staffCode, not both.',
  },
  punch_at_out_of_range: {
    status: 400,
    ja: '打刻日時は過去7日以内で、未来でない日時を指定してください。',
    en: 'The punch time must be within the last 7 days and not in the future.',
  },
  staff_not_in_use: {
    status: 422,
    ja: '利用設定が「利用しない」のスタッフは打刻できません。管理者にご確認ください。',
    en: 'This staff member is set to "not in use" and cannot punch. Please ask an administrator.',
  },
  passcode_wrong: {
    status: 401,
    ja: 'パスコードが正しくありません。',
    en: 'The passcode is incorrect.',
  },
  passcode_required: {
    status: 401,
    ja: 'パスコードを入力してください。',
    en: 'Please enter your passcode.',
  },
  clock_pin_wrong: {
    status: 401,
    ja: '出退勤画面用PINコードが正しくありません。管理者に『出退勤画面用PINコード』をご確認ください。',
    en: 'The clock-screen PIN is incorrect. Please ask your administrator for the clock-screen PIN.',
  },
  clock_pin_locked: {
    status: 429,
    ja: '本日はPINコードの誤入力が上限に達したため、新しい端末での認証を停止しています。すでに開いている出退勤画面は引き続きご利用いただけます。',
    en: 'Too many wrong PINs today: new devices cannot open the clock screen until tomorrow. Screens already open keep working.',
  },
  terminal_not_found: {
    status: 404,
    ja: '指定の端末が見つからないか、すでに解除されています。端末一覧を再読み込みしてください。',
    en: 'This terminal was not found or has already been revoked. Please reload the terminal list.',
  },
  terminal_unauthenticated: {
    status: 401,
    ja: 'この端末は出退勤画面として認証されていません。出退勤画面用PINコードを入力してください。',
    en: 'This device is not authenticated as a clock screen. Please enter the clock-screen PIN.',
  },
  // timecards and corrections
  work_rules_invalid: {
    status: 422,
    ja: '勤務ルールの設定に誤りがあります（{field}）。設定 > 勤務ルールをご確認ください。',
    en: 'The work rules are not valid ({field}). Please check Settings > Work rules.',
  },
  day_boundary_invalid: {
    status: 400,
    ja: '日付の変わり目は HH:mm の形式で入力してください。',
    en: 'The day boundary is written HH:mm.',
  },
  reason_required: {
    status: 400,
    ja: '修正の理由を入力してください。',
    en: 'Please enter the reason for the correction.',
  },
  punch_not_found: { status: 404, ja: '打刻が見つかりません。', en: 'Punch not found.' },
  punch_already_corrected: {
    status: 409,
    ja: 'この打刻はすでに修正または削除されています。画面を更新してから操作してください。',
    en: 'This punch has already been corrected or deleted. Please refresh and try again.',
  },
  // a day's punches that cannot be one person's day (issue 11 §3): one code per row problem
  punch_sequence_invalid: {
    status: 422,
    ja: 'この日の打刻の順序が正しくありません。表示された行の打刻をご確認ください。',
    en: 'The punches of this day are not in a possible order. Please check the row shown.',
  },
  punch_out_before_in: {
    status: 422,
    ja: 'この退勤の前に出勤の打刻がありません。時刻と種類をご確認ください。',
    en: 'There is no clock-in before this clock-out. Please check the time and type.',
  },
  punch_out_before_in_next_day: {
    status: 422,
    ja: '退勤が出勤より前の時刻です。日をまたぐ勤務なら「翌日」にチェックを入れてください。',
    en: 'This clock-out is before the clock-in. If the shift ends the next day, tick "Next day".',
  },
  punch_overlap: {
    status: 422,
    ja: '前の勤務の退勤より前に、次の出勤があります。退勤の打刻をご確認ください。',
    en: 'A clock-in comes before the previous shift clocked out. Please check the clock-out.',
  },
  punch_break_outside_shift: {
    status: 422,
    ja: '休憩が勤務の外にあります。出勤と退勤の間の時刻にしてください。',
    en: 'This break is outside the shift. Please put it between the clock-in and the clock-out.',
  },
  punch_break_outside_shift_next_day: {
    status: 422,
    ja: '休憩が勤務の外にあります。日をまたぐ勤務の休憩なら「翌日」にチェックを入れてください。',
    en: 'This break is outside the shift. If it is on the next day of a night shift, tick "Next day".',
  },
  punch_break_end_without_start: {
    status: 422,
    ja: 'この休憩終了の前に休憩開始の打刻がありません。',
    en: 'There is no break start before this break end.',
  },
  punch_break_open_at_out: {
    status: 422,
    ja: '休憩終了の打刻がないまま退勤しています。休憩終了を追加するか、時刻をご確認ください。',
    en: 'The shift clocks out during a break. Please add the break end or check the times.',
  },
  punch_pair_too_long: {
    status: 422,
    ja: '出勤から退勤までが24時間を超えています。日付と時刻をご確認ください。',
    en: 'The clock-out is more than 24 hours after the clock-in. Please check the dates and times.',
  },
  punch_outside_day: {
    status: 422,
    ja: 'この日の日付の変わり目より前の時刻です。前日の勤務なら前日の行で修正してください。',
    en: 'This time is before the day boundary of this day. If it belongs to the day before, correct it there.',
  },
  // シフト管理 (issue 15)
  time_invalid: {
    status: 400,
    ja: '時刻は 09:00 のように24時間表記で入力してください。',
    en: 'Write times as 09:00 (24-hour clock).',
  },
  shift_break_outside: {
    status: 400,
    ja: '休憩は勤務時間の中に入れてください。',
    en: 'Breaks must lie within the shift.',
  },
  shift_pattern_not_found: {
    status: 404,
    ja: 'シフトパターンが見つかりません。',
    en: 'Shift pattern not found.',
  },
  shift_staff_not_in_office: {
    status: 422,
    ja: 'この事業所に所属していないスタッフのシフトは作成できません。',
    en: 'Shifts can only be planned for staff of this office.',
  },
  shift_wish_closed: {
    status: 422,
    ja: 'この日の希望シフトは受け付けていないか、締め切りを過ぎています。',
    en: 'Wishes for this day are not open, or their deadline has passed.',
  },
  shift_range_too_long: {
    status: 400,
    ja: '期間は62日以内で指定してください。',
    en: 'The period may be at most 62 days.',
  },
  period_lock_unconfirmed: {
    status: 409,
    ja: '{period}には、まだ終わっていない日または未打刻の日があります。内容をご確認のうえ、あらためて締めてください。',
    en: 'The period {period} has days not over yet or days with missing punches. Please check them, then confirm to close it.',
  },
  period_locked: {
    status: 422,
    ja: '{period}の期間は締め処理済みのため修正できません。修正が必要な場合は、管理者が締めを解除してください。',
    en: 'The period {period} is closed and cannot be changed. An administrator can reopen it if a correction is needed.',
  },
  // operator CLI
  cli_usage: { status: 400, ja: '使い方: {usage}', en: 'Usage: {usage}' },
  cli_unknown_command: {
    status: 400,
    ja: '不明なコマンドです: {command}',
    en: 'Unknown command: {command}',
  },
  cli_missing_option: {
    status: 400,
    ja: 'オプション --{option} を指定してください。',
    en: 'The option --{option} is required.',
  },
  // security (issue 12): the administrator's password stays off the command line
  cli_admin_password_missing: {
    status: 400,
    ja: '管理者のパスワードを --admin-password-stdin（標準入力から読み取り）、環境変数 TIMECARD_ADMIN_PASSWORD、または --admin-password で指定してください。',
    en: "Give the administrator's password with --admin-password-stdin (read from standard input), the environment variable TIMECARD_ADMIN_PASSWORD, or --admin-password.",
  },
  cli_admin_password_twice: {
    status: 400,
    ja: '--admin-password と --admin-password-stdin は同時に指定できません。',
    en: 'Give either --admin-password or --admin-password-stdin, not both.',
  },
  data_dir_locked: {
    status: 409,
    ja: 'データディレクトリ {dataDir} は別のプロセス (PID {pid}) が使用中です。サーバーを停止するか、DATABASE_URL で PostgreSQL をお使いください。',
    en: 'The data directory {dataDir} is in use by another process (PID {pid}). Stop the server first, or use PostgreSQL through DATABASE_URL.',
  },
  backup_file_invalid: {
    status: 400,
    ja: 'バックアップファイル {file} を読み込めません: {reason}',
    en: 'The backup file {file} cannot be read: {reason}',
  },
  restore_target_not_empty: {
    status: 409,
    ja: '復元先のデータベースにすでにデータがあります。空のデータベースに復元するか、--force を指定してください。',
    en: 'The target database already holds data. Restore into an empty database, or pass --force.',
  },
  // operator CLI: staff add / staff import (issue 3 item 9, issue 6 item 6)
  csv_file_unreadable: {
    status: 400,
    ja: 'ファイル {file} を読み込めません: {reason}',
    en: 'The file {file} cannot be read: {reason}',
  },
  csv_encoding_invalid: {
    status: 400,
    ja: '文字コード「{encoding}」には対応していません。utf-8 または shift_jis を指定してください。',
    en: 'The encoding "{encoding}" is not supported. Use utf-8 or shift_jis.',
  },
  csv_garbled: {
    status: 400,
    ja: '{line}行目が {encoding} として読めません（文字化け）。ファイルの文字コードを確かめ、--encoding utf-8 または --encoding shift_jis を指定してください。',
    en: 'Line {line} cannot be read as {encoding} (garbled text). Check the file encoding and pass --encoding utf-8 or --encoding shift_jis.',
  },
  csv_garbled_upload: {
    status: 400,
    ja: '{line}行目が {encoding} として読めません（文字化け）。ファイルを UTF-8 または Shift_JIS の CSV として保存し直してから取り込んでください。',
    en: 'Line {line} cannot be read as {encoding} (garbled text). Save the file again as a UTF-8 or Shift_JIS CSV and import it again.',
  },
  csv_unterminated_quote: {
    status: 400,
    ja: '{line}行目で始まる「"」が閉じられていません。',
    en: 'The double quote opened on line {line} is never closed.',
  },
  csv_header_missing: {
    status: 400,
    ja: 'ファイルが空です。1行目に見出し（名前 など）を入れてください。',
    en: 'The file is empty. The first row must be a header (名前 / name, …).',
  },
  csv_no_rows: {
    status: 400,
    ja: '見出しの下に取り込む行がありません。',
    en: 'There are no rows below the header.',
  },
  csv_unknown_columns: {
    status: 400,
    ja: '不明な見出しがあります: {columns}（使える見出し: {known}）',
    en: 'Unknown columns: {columns} (known columns: {known})',
  },
  csv_missing_column: {
    status: 400,
    ja: '見出しに「{column}」の列がありません。',
    en: 'The header has no "{column}" column.',
  },
  csv_duplicate_column: {
    status: 400,
    ja: '見出し「{column}」の列が2つ以上あります。',
    en: 'The column "{column}" appears more than once.',
  },
  csv_too_many_fields: {
    status: 400,
    ja: '見出しより多い {count} 列目に値があります。',
    en: 'There is a value in column {count}, beyond the header.',
  },
  csv_rows_rejected: {
    status: 400,
    ja: '{rows} 行に誤りがあるため、何も登録しませんでした。次の行を直してからもう一度取り込んでください。',
    en: '{rows} row(s) were rejected, so nothing was imported. Fix these rows and import the file again.',
  },
  csv_rows_rejected_many: {
    status: 400,
    ja: '{rows} 行に誤り（{total} 件）があるため、何も登録しませんでした。最初の {shown} 件を表示します。直してからもう一度取り込んでください。',
    en: '{rows} row(s) have {total} problem(s), so nothing was imported. The first {shown} are shown. Fix them and import the file again.',
  },
  csv_too_large: {
    status: 413,
    ja: 'ファイルが大きすぎます。取り込めるのは {limit} MB までです。ファイルを分けて取り込んでください。',
    en: 'The file is too large. Files up to {limit} MB can be imported; please split it.',
  },
  punch_type_name_invalid: {
    status: 400,
    ja: '種類は 出勤・退勤・休憩・復帰（または clock_in・clock_out・break_start・break_end）のいずれかを入力してください。',
    en: 'The type must be 出勤, 退勤, 休憩 or 復帰 (or clock_in, clock_out, break_start, break_end).',
  },
  punch_at_invalid: {
    status: 400,
    ja: '日時は 2026-11-02T09:00 または 2026/11/02 9:00 の形式で入力してください。',
    en: 'Write the date and time as 2026-11-02T09:00 or 2026/11/02 9:00.',
  },
  duplicate_in_file_shift: {
    status: 400,
    ja: '行 {row} と同じスタッフ・日付のシフトです。',
    en: 'Same staff member and date as row {row}.',
  },
  duplicate_in_file_code: {
    status: 400,
    ja: '行 {row} と同じスタッフコードです。',
    en: 'Same staff code as row {row}.',
  },
  duplicate_in_file_email: {
    status: 400,
    ja: '行 {row} と同じメールアドレスです。',
    en: 'Same e-mail address as row {row}.',
  },
  employment_type_invalid: {
    status: 400,
    ja: '雇用区分は 正社員、パート・アルバイト、契約社員、派遣、その他 のいずれかを入力してください。',
    en: 'The employment type must be one of full_time, part_time, contract, temporary, other (or 正社員, パート・アルバイト, 契約社員, 派遣, その他).',
  },
  // 従業員 > CSV取込 and `staff import` (issue 11 §6): the form's rules, with the format a file needs
  csv_date_invalid: {
    status: 400,
    ja: '日付は 2026/11/02 または 2026-11-02 の形式で入力してください。',
    en: 'Write the date as 2026/11/02 or 2026-11-02.',
  },
  csv_email_invalid: {
    status: 400,
    ja: 'メールアドレスの形式が正しくありません。yamada@example.com の形式で入力してください。',
    en: 'The e-mail address is not valid. Write it like yamada@example.com.',
  },
  csv_kana_invalid: {
    status: 400,
    ja: 'フリガナは全角カタカナ（例: ヤマダ タロウ）で入力してください。ひらがなは使えません。',
    en: 'Write the furigana in full-width katakana (e.g. ヤマダ タロウ); hiragana is not accepted.',
  },
  csv_name_required: {
    status: 400,
    ja: '氏名を入力してください（例: 山田 太郎）。',
    en: 'Please enter the name (e.g. 山田 太郎).',
  },
  csv_text_too_long: {
    status: 400,
    ja: '入力が長すぎます。氏名・フリガナは100文字、スタッフコードは50文字までです。',
    en: 'The text is too long: names and furigana up to 100 characters, staff codes up to 50.',
  },
  csv_office_not_found: {
    status: 400,
    ja: '事業所「{office}」が見つかりません。登録済みの事業所名または事業所ID（数字）を入力してください。',
    en: 'The office "{office}" was not found. Write the name or the ID (a number) of a registered office.',
  },
  csv_office_ambiguous: {
    status: 400,
    ja: '「{office}」という名前の事業所が複数あります。事業所ID（数字）で指定してください。',
    en: 'More than one office is named "{office}". Give the office ID (a number) instead.',
  },
  csv_office_not_editable: {
    status: 403,
    ja: 'この事業所の従業員管理の編集権限がありません。編集権限のある事業所名または事業所IDを入力してください。',
    en: 'You cannot edit the staff of this office. Give an office whose staff you may edit.',
  },
  office_id_invalid: {
    status: 400,
    ja: '所属事業所は事業所ID（数字）で入力してください。',
    en: 'The office is given by its office ID (a number).',
  },
  // input validation: text and ids (issue 12 item 9, area: input)
  text_invalid: {
    status: 400,
    ja: '使用できない文字（制御文字など）が含まれています。',
    en: 'The text contains characters that cannot be used (control characters).',
  },
  id_invalid: {
    status: 400,
    ja: 'IDは1以上の整数で指定してください。',
    en: 'An ID is a whole number from 1.',
  },
  // ワークフロー (issue 18)
  request_not_found: {
    status: 404,
    ja: '申請が見つかりません。',
    en: 'The request was not found.',
  },
  request_not_pending: {
    status: 409,
    ja: 'この申請はすでに処理されています（{status}）。一覧を更新してご確認ください。',
    en: 'This request has already been dealt with ({status}). Please reload the list.',
  },
  request_not_returned: {
    status: 409,
    ja: '差戻しされた申請だけを再申請できます。',
    en: 'Only a returned request can be sent again.',
  },
  request_not_reopenable: {
    status: 409,
    ja: '承認済みの勤怠確定だけを解除できます。',
    en: 'Only an approved timecard sign-off can be reopened.',
  },
  request_period_locked: {
    status: 422,
    ja: '{period}の期間は締め処理済みのため申請できません。修正が必要な場合は、管理者にご相談ください。',
    en: 'The period {period} is closed, so no request can be made for it. Please ask an administrator if something needs correcting.',
  },
  request_period_confirmed: {
    status: 422,
    ja: '{period}の勤怠は確定済みのため申請できません。管理者が確定を解除すると申請できます。',
    en: 'Your timecard for {period} is signed off, so no request can be made for it. An administrator can reopen it.',
  },
  request_duplicate: {
    status: 409,
    ja: '同じ内容の申請がすでに申請中です。',
    en: 'The same request is already pending.',
  },
  request_not_decider: {
    status: 403,
    ja: 'この申請を承認・却下する権限がありません。',
    en: 'You cannot decide this request.',
  },
  comment_required: {
    status: 400,
    ja: 'コメントを入力してください（申請者に理由が伝わります）。',
    en: 'Please enter a comment (the applicant reads why).',
  },
  approval_route_too_long: {
    status: 400,
    ja: '承認経路は3段階までです。',
    en: 'An approval route has at most 3 steps.',
  },
  // 休暇管理 (issue 17)
  leave_type_not_found: {
    status: 404,
    ja: '休暇区分が見つかりません。',
    en: 'The leave type was not found.',
  },
  leave_unit_invalid: {
    status: 400,
    ja: 'この休暇区分では選べない取得単位です。',
    en: 'This leave type cannot be taken in that unit.',
  },
  leave_unit_required: {
    status: 400,
    ja: '全日・半休のどちらかは取得できるようにしてください。',
    en: 'Allow at least full days or half days.',
  },
  leave_hours_invalid: {
    status: 400,
    ja: '時間単位の休暇は1時間以上、1日の所定労働時間未満の整数で入力してください。',
    en: 'Hourly leave is a whole number of hours, from 1 to less than a scheduled day.',
  },
  leave_hours_limit: {
    status: 409,
    ja: '時間単位の有給休暇は1年に5日分（{hours}時間）までです。',
    en: 'Hourly paid leave is limited to five days’ worth ({hours} hours) a year.',
  },
  leave_days_invalid: {
    status: 400,
    ja: '日数は0.5日単位で0.5〜40日の範囲で入力してください。',
    en: 'Days are given in steps of 0.5, from 0.5 to 40.',
  },
  leave_reason_required: {
    status: 400,
    ja: '理由を入力してください。',
    en: 'Please enter a reason.',
  },
  leave_balance_insufficient: {
    status: 409,
    ja: '有給休暇の残日数が足りません（{date}）。',
    en: 'Not enough paid leave left ({date}).',
  },
  leave_on_day_off: {
    status: 422,
    ja: 'この日は所定休日のため、休暇を登録できません。',
    en: 'This day is a scheduled day off: leave cannot be taken on it.',
  },
  leave_day_taken: {
    status: 409,
    ja: 'この日はすでに休暇が登録されています。',
    en: 'Leave is already recorded for this day.',
  },
  leave_outside_employment: {
    status: 400,
    ja: '入社日より前または退職日より後の日には休暇を登録できません。',
    en: 'Leave cannot be recorded before the hire date or after the retirement date.',
  },
  leave_record_not_found: {
    status: 404,
    ja: '休暇の記録が見つかりません。',
    en: 'The leave record was not found.',
  },
  leave_hire_date_required: {
    status: 400,
    ja: '有給休暇を法定どおり付与するには入社日を登録してください。',
    en: 'Register the hire date to grant paid leave by law.',
  },
  weekly_days_invalid: {
    status: 400,
    ja: '週所定労働日数は1〜7の整数で入力してください。',
    en: 'Scheduled days a week is a whole number from 1 to 7.',
  },
  weekly_hours_invalid: {
    status: 400,
    ja: '週所定労働時間は0〜168時間の範囲で入力してください。',
    en: 'Scheduled hours a week is from 0 to 168.',
  },
  // 出力レイアウト of 集計・出力 (issue 14)
  export_layout_empty: {
    status: 400,
    ja: '出力する列を1つ以上選んでください。',
    en: 'Choose at least one column.',
  },
  export_layout_column_unknown: {
    status: 400,
    ja: '出力できない列が指定されています。',
    en: 'One of the columns does not exist.',
  },
  export_layout_header_required: {
    status: 400,
    ja: '列の見出しを入力してください。',
    en: 'Enter a header for each column.',
  },
  export_layout_header_duplicate: {
    status: 400,
    ja: '同じ見出しの列が複数あります。見出しは列ごとに変えてください。',
    en: 'Two columns have the same header. Give each column its own header.',
  },
  export_layout_header_unencodable: {
    status: 400,
    ja: 'Shift_JISで書けない文字が見出しに含まれています。文字を変えるか、文字コードをUTF-8にしてください。',
    en: 'A header has characters Shift_JIS cannot hold. Change them, or choose UTF-8.',
  },
  export_layout_too_many_columns: {
    status: 400,
    ja: '列は60個までです。',
    en: 'A layout has at most 60 columns.',
  },
  export_layout_name_invalid: {
    status: 400,
    ja: 'レイアウト名を数字だけにすることはできません。',
    en: 'A layout name cannot be digits only.',
  },
  export_layout_name_taken: {
    status: 409,
    ja: '同じ名前の出力レイアウトがあります。別の名前にしてください。',
    en: 'An output layout of this name exists. Choose another name.',
  },
  export_layout_not_found: {
    status: 404,
    ja: '出力レイアウトが見つかりません。',
    en: 'Output layout not found.',
  },
  export_layout_limit: {
    status: 409,
    ja: '出力レイアウトは{limit}個まで保存できます。使わないレイアウトを削除してください。',
    en: 'At most {limit} output layouts can be saved. Delete one you no longer use.',
  },
} as const satisfies Record<string, { status: number; ja: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalog;
