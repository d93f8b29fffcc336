# Funnel Lab: всё, что видит читатель, по-русски.
#
# Те же id, что в en.ftl, и переводы подписей, которые в английском берутся из
# таблиц ядра (поля, метрики, глоссарий, пресеты: `i18n::derived_ids()`).
# tests/i18n.rs проверяет, что ни один id не пропущен и переменные совпадают.

## Страница

app-title = Funnel Lab
app-tagline = Сколько может заработать ваша воронка? Тысячи возможных исходов, просчитанных прямо в браузере.
tab-title = { $name } · Funnel Lab
language-label = Язык
language-not-loaded = Не удалось загрузить русские тексты ({ $why }), поэтому страница на английском. Попробуйте переключить язык позже.
your-funnel = Ваша воронка
what-follows = Что получится
footer = Funnel Lab работает целиком на этой странице: ничего из того, что вы вводите, не покидает браузер.
drop-overlay = Отпустите файл сценария, чтобы открыть его
region-run = Расчёт
region-results = Результаты
editor-label = Редактор сценария
start-from = Начать с
glossary = Словарь терминов

## Настройки расчёта и статус

trials-label = Испытаний
seed-label = Зерно
trials-invalid = испытаний: «{ $text }» — нужно целое число от 1 до { $max }
seed-invalid = зерно: «{ $text }» — нужно целое число, 0 или больше
status-problems = { $n ->
    [one] Исправьте { COUNT($n) } ошибку, чтобы запустить расчёт
    [few] Исправьте { COUNT($n) } ошибки, чтобы запустить расчёт
   *[other] Исправьте { COUNT($n) } ошибок, чтобы запустить расчёт
  }
status-ready = Готово
status-done = { COUNT($trials) } { $trials ->
    [one] испытание
    [few] испытания
   *[other] испытаний
  } за { $seconds } с
status-kept = { COUNT($trials) } { $trials ->
    [one] испытание
    [few] испытания
   *[other] испытаний
  } из недавнего запуска с теми же данными
status-cancelled = Остановлено. Измените что-нибудь, чтобы запустить снова.
status-failed = Не удалось посчитать: { $detail }
cancel = Остановить
worker-cannot-start = не удаётся запустить фоновый расчёт: { $detail }
worker-unreadable-reply = фоновый расчёт прислал непонятный ответ: { $detail }
trials-gone = испытания того расчёта уже не хранятся: дождитесь конца расчёта и скачайте снова

## Уведомления

notice-autosave-unreadable = Автосохранённый сценарий не удалось прочитать: { $detail }. Он оставлен как есть, и в этом сеансе автосохранение его не перезапишет.
before-shared-link = { $name } (до открытия ссылки)
notice-shared-kept = Вы открыли сценарий по ссылке. То, что было у вас раньше, сохранено в «Сохранённых сценариях» под именем «{ $name }».
notice-shared-not-kept = Вы открыли сценарий по ссылке, но то, что было раньше, не удалось сохранить ({ $detail }). Оно остаётся в автосохранении нетронутым, а этот сценарий открыт только в этой вкладке, пока вы не сохраните его под именем или не экспортируете.
notice-unknown-preset = preset: «{ $id }» — нет такого пресета; есть { $list }
notice-unknown-chart = charts: «{ $name }» — нет такого графика; есть { $list }
notice-unknown-lang = lang: «{ $code }» — этого языка нет; есть { $list }
notice-unknown-field = edit: «{ $path }» — в этом сценарии нет такого поля, поэтому оно не показано
notice-opened-autosave = Автосохранённый сценарий открыт.
notice-opened-shared = Сценарий по ссылке открыт.
notice-loaded-preset = Загружен пресет «{ $title }».
notice-file-unreadable = Файл «{ $file }» не открыт: { $detail }. Ничего не изменилось.
notice-file-problems = Файл «{ $file }» не открыт: в нём { COUNT($n) } { $n ->
    [one] ошибка
    [few] ошибки
   *[other] ошибок
  }. Ничего не изменилось.
notice-opened-file = Открыт файл «{ $file }».
notice-file-not-read = Файл «{ $file }» не удалось прочитать: { $detail }. Ничего не изменилось.
notice-not-saved-file = Файл «{ $file }» не удалось сохранить: { $detail }
notice-not-put-back = «{ $name }» не удалось вернуть: { $detail }
notice-storage = В этом браузере не сохраняется: { $detail }. Работа останется на странице, пока вы её не закроете; «Экспорт JSON» или «Ссылка» сохранят её в другом месте.
notice-name-taken = сценарий «{ $name }» уже есть: выберите другое имя или сначала откройте тот, чтобы сохранить поверх него
notice-saved-as = Сохранено как «{ $name }».
notice-cannot-open = «{ $name }» не открывается: { $detail }
notice-gone = «{ $name }» здесь больше не сохранён (возможно, его удалили в другой вкладке)
notice-copied-as = Скопировано как «{ $name }».
notice-deleted = «{ $name }» удалён.
notice-trials-csv = CSV по испытаниям: { $detail }
notice-png = график не удалось сохранить: { $detail }
undo = Отменить
dismiss = Закрыть

## Сохранённые сценарии, файлы, ссылки

library-summary = Сохранённые сценарии ({ COUNT($n) })
library-unavailable = Этот браузер не разрешает странице хранить данные, поэтому здесь ничего не сохранить; «Экспорт JSON» и «Ссылка» работают.
library-name-to-save = Имя для сохранения
library-save = Сохранить
library-empty = Пока ничего не сохранено. Текущая работа и так сохраняется в этом браузере автоматически.
library-open = Открыть
library-rename = Переименовать
library-duplicate = Копия
library-delete = Удалить
library-new-name = Новое имя
library-keep = Оставить
export-json = Экспорт JSON
import-json = Импорт JSON…
share-link = Ссылка
share-copied = Скопировано ({ COUNT($n) } { $n ->
    [one] символ
    [few] символа
   *[other] символов
  }). Кто откроет ссылку, увидит тот же сценарий и те же результаты.
share-to-copy = { COUNT($n) } { $n ->
    [one] символ
    [few] символа
   *[other] символов
  }: скопируйте, чтобы поделиться сценарием и его результатами.
drop-hint = Файл JSON можно просто перетащить на страницу.
download = Скачать:
summary-csv = Сводка CSV
trials-csv = CSV по испытаниям
trials-csv-title = Все метрики каждого испытания, по строке на испытание
file-browser-refused = браузер отказал
file-no-page = страница ещё не готова
file-not-text = это не текстовый файл
png = PNG
png-title = Скачать этот график как картинку PNG

## Встраивание

embed-summary = Встроить в страницу курса
embed-note = Читатели увидят отмеченные графики и смогут менять только выбранные вами поля; вашу страницу они не изменят. Ничего из их действий не сохраняется.
embed-charts = Графики
embed-paste = Вставьте это в свою страницу
embed-preview = Посмотреть, как будет выглядеть
embed-iframe-title = Симуляция Funnel Lab
embed-open-full = Открыть полную версию ↗
embed-foot = Посчитано в вашем браузере с помощью Funnel Lab; здесь ничего не сохраняется.

## Числовые поля

number-empty = нужно число (поле пустое)
number-not-a-number = «{ $text }» — не число
number-not-whole-days = «{ $text }» — не целое число дней
number-ambiguous = «{ $text }» можно прочитать как { $decimal } или как { $thousands }: напишите одно из них
number-read-as = = { $value }
number-part-unreadable = одно из чисел здесь не читается
days-unit = дн.
percent-centre = ≈ { PERCENT($x) }
how-sure = { $label }: насколько вы уверены
part-label = { $label }: { $part }

## Неточные значения

form-fixed = точно
form-range = 90% интервал
form-observed = наблюдения
form-uniform = равномерно
form-triangular = треугольное
part-value = значение
part-low = от
part-high = до
part-successes = успехов
part-trials = попыток
part-mode = скорее всего
joiner-to = до
joiner-of = из
joiner-most-likely = скорее всего

## Редактор

section-scenario = Сценарий
section-scenario-note = Название, валюта для всех сумм и сколько дней моделировать.
section-channels = Каналы трафика
section-channels-note = Откуда приходят посетители, сколько стоит каждый и сколько из них оставляют контакты ради лид-магнита.
section-lead-magnet = Лид-магнит
section-lead-magnet-note = Что посетитель получает за свои контакты: обычно бесплатно, но выдача чего-то стоит.
section-nurture = Прогрев
section-nurture-note = Тёплым лидам делают касания (письма, звонки, сообщения), пока они не купят входной продукт, не отпишутся или не остынут. Первые недели — самые горячие.
section-offers = Лестница продуктов
section-offers-note = Входной продукт (часто недорогой трипваер) покупают после касаний; каждое следующее предложение делают покупателям одного из предыдущих.
section-repeat = Возврат клиента
section-repeat-note = Клиенты покупают снова в своём ритме, пока не уйдут; попытка возврата может вернуть ушедших.
section-subscription = Подписка
section-subscription-note = Ежемесячный платёж, пока подписчик не откажется; у каждого подписчика своя вероятность ухода.
section-referrals = Фанаты и промоутеры
section-referrals-note = Довольные клиенты приводят новых лидов: фанаты — бесплатно, промоутеры — за вознаграждение, когда их лид покупает.
channel-legend = Канал { $n }
remove-channel = Удалить канал
add-channel = Добавить канал
new-channel-name = Канал { $n }
price-changes-demand = Цена влияет на спрос
entry-offer-legend = Входной продукт (покупают после касаний)
offer-legend = Предложение { $n }
move-up = Выше
move-up-title = Поднять (следующее предложение остаётся ниже того, за которым идёт)
move-down = Ниже
remove-offer = Удалить предложение
add-offer = Добавить предложение
toggle-winback = Возврат ушедших
toggle-repeat = Повторные покупки
toggle-subscription = Подписка
toggle-referrals = Рекомендации

group-Channel-numbered = Канал { $n }
group-Offer-numbered = Предложение { $n }
group-Channel-list = Каналы
group-Offer-list = Предложения
group-LeadMagnet = Лид-магнит
group-Nurture = Прогрев
group-Repeat = Повторные покупки
group-Winback = Возврат ушедших
group-Subscription = Подписка
group-Referrals = Рекомендации

## Результаты

results-empty = Результаты появятся здесь, когда в сценарии не останется ошибок.
results-stale = Эти результаты устарели: исправьте отмеченные поля, чтобы посчитать снова.
results-preview = Предварительно, по первым испытаниям ({ COUNT($n) }); по мере расчёта цифры уточняются.
card-margin-points = { $points } п. п.
card-margin-title = Погрешность Монте-Карло: насколько это число сдвинулось бы с другим зерном (примерно в 95% случаев)
chart-title-funnel = Воронка: сколько людей доходит до каждого шага
chart-title-profit-histogram = Прибыль по всем испытаниям
chart-title-profit-over-time = Накопленная прибыль по дням
chart-title-channel-roi = Окупаемость каждого канала
chart-name-funnel = Воронка
chart-name-profit-histogram = Прибыль по всем испытаниям
chart-name-profit-over-time = Накопленная прибыль по дням
chart-name-channel-roi = Окупаемость каналов
card-profit = Прибыль (медиана)
card-profit-detail = 90% испытаний: { $range }
card-loss = Вероятность убытка
card-loss-detail = { COUNT($n) } { $n ->
    [one] испытание
    [few] испытания
   *[other] испытаний
  }
card-payback = День окупаемости (медиана)
card-payback-value = день { $day }
card-cac = CAC (медиана)
card-cltv = CLTV (медиана)
card-range = 90%: { $range }
card-cash = Нужно денег (медиана)
card-cash-detail = P95: { $value }
no-value = –
channels-caption = Каналы (медианы по испытаниям)
col-channel = Канал
col-visitors = Посетители
col-leads = Лиды
col-customers = Клиенты
col-spend = Расход
col-revenue = Выручка
col-profit = Прибыль
col-roi = ROI (90% интервал)
col-roi-negative = Испытаний с ROI < 0
loses-money = в убыток
referral-channel = рекомендации
offers-caption = Лестница продуктов (медианы, 90% интервалы)
col-offer = Предложение
col-offered-to = Кому предлагают
col-buyers = Покупатели
col-conversion = Конверсия
col-refunds = Возвраты денег
col-revenue-kept = Выручка без возвратов
offered-by-touches = после касаний
after-first-purchase = После первой покупки
lifecycle-none = Эта воронка заканчивается первыми покупками: включите в редакторе повторные покупки, подписку или рекомендации, чтобы увидеть, сколько клиенты приносят потом.
warning-growth = Каждый клиент приводит в среднем { $growth } нового клиента: рост ничем не ограничен, поэтому результаты зависят от горизонта.
warning-capped = В { COUNT($capped) } из { COUNT($trials) } испытаний достигнут предел на одно испытание ({ COUNT($individuals) } повторных клиентов и подписчиков, { COUNT($referred) } лидов по рекомендациям или { COUNT($steps) } шагов повторных покупок); то, что дальше, не моделировалось, поэтому эти испытания занижают итог.

## Графики (рисует ядро) и их текстовые описания

chart-too-small = Слишком мало места для графика
chart-no-profit = Нет данных о прибыли
chart-no-daily-profit = Нет данных о прибыли по дням
chart-no-channels = Нет каналов
chart-axis-with-unit = { $caption }, { $unit }
chart-axis-profit = Прибыль
chart-axis-trials = Испытания
chart-axis-day = День
chart-axis-cumulative-profit = Накопленная прибыль
chart-median-mark = Медиана { $value }
chart-loss-in = Убыток в { $share } испытаний
chart-no-loss = Ни одного убыточного испытания
chart-trials = · { COUNT($n) } { $n ->
    [one] испытание
    [few] испытания
   *[other] испытаний
  }
chart-band-90 = 90% испытаний
chart-band-50 = средние 50%
chart-band-median = медиана
chart-not-available = ↓ н/д
chart-none-of = (нет { $people })
chart-conversion-of = от { $people }
funnel-note-long = Столбец: медиана · линия: от 5-го до 95-го процентиля · логарифмическая шкала (×10 на деление)
funnel-note-medium = Столбец: медиана · линия: 5–95-й процентиль · лог. шкала
funnel-note-short = Медиана, 5–95-й процентиль, лог. шкала
funnel-people-visitors = посетителей
funnel-people-leads = лидов
funnel-people-buyers = покупателей «{ $offer }»
roi-loses-in = · в убыток в { $share } испытаний
roi-no-cost = н/д (нет затрат)
roi-note-long = Столбец: медианный ROI · линия: 5–95-й процентиль · красный: убыточен в большинстве испытаний
roi-note-short = Медианный ROI, 5–95-й процентиль; красный: чаще в убыток
describe-no-trials = Испытаний не было.
describe-funnel = Медианы по { COUNT($trials) } { $trials ->
    [one] испытанию
   *[other] испытаниям
  }: { $stages }.
describe-funnel-stage = { $label } — { $count }
describe-funnel-conversion = { $stage } ({ $share } от { $from })
describe-no-profit = Нет данных о прибыли.
describe-profit-same = { $value } не меньше чем в 90% испытаний
describe-profit-spread = в 90% испытаний от { $low } до { $high }
describe-profit = Медианная прибыль { $median }; { $spread }; убыток в { $loss } испытаний.
describe-no-daily-profit = Нет данных о прибыли по дням.
describe-profit-over-time = Медианная накопленная прибыль на день { $day } (последний): { $median } (в 90% испытаний от { $low } до { $high }).
describe-lowest = Медиана ниже всего на день { $day }: { $value }
describe-back-above = , а с дня { $day } снова выше нуля
describe-no-channels = Нет каналов.
describe-channel = { $name }: { $roi } (в убыток в { $share } испытаний)
describe-channel-undefined = { $name }: не определён (нет затрат)
describe-channel-roi = Медианная окупаемость затрат (ROI) по каналам: { $channels }.
list-separator = ;{" "}

## Ошибки в полях (рядом с полем)

problem-not-finite = нужно число (поле пустое, не число или бесконечность)
problem-negative = не может быть отрицательным (сейчас { $value })
problem-rate-above-one = это доля, она не больше 1 (сейчас { $value }); 5% пишется как 0,05
problem-too-large = слишком большое значение (сейчас { $value }; максимум { $max })
problem-range-low-not-positive = в 90% интервале нижняя граница должна быть больше 0 (сейчас { $value }); если значение может быть 0, выберите «равномерно» или точное число
problem-low-above-high = нижняя граница ({ $low }) не может быть больше верхней ({ $high })
problem-range-high-not-below-one = в 90% интервале доли верхняя граница должна быть меньше 1 (сейчас { $value })
problem-observed-for-amount = наблюдения (успехи из попыток) описывают долю, а в этом поле — сумма
problem-observed-not-whole = успехи и попытки должны быть целыми числами, 0 или больше
problem-successes-above-trials = успехов ({ $successes }) не может быть больше, чем попыток ({ $trials })
problem-mode-outside = для треугольного нужно «от» ≤ «скорее всего» ≤ «до» (сейчас { $low }, { $mode }, { $high })
problem-out-of-range = должно быть { $allowed } (сейчас { $value })
problem-empty = не может быть пустым
problem-no-channel = нужен хотя бы один канал
problem-no-offer = нужно хотя бы одно предложение (входной продукт)
problem-duplicate-offer-id = id «{ $id }» уже есть у другого предложения
problem-duplicate-channel-name = название «{ $name }» уже есть у другого канала
problem-reserved-channel-name = «{ $name }» — служебное имя для лидов, которых приводят фанаты и промоутеры
problem-unknown-offer = нет предложения с id «{ $id }»
problem-not-earlier-offer = «{ $id }» — не предыдущее предложение; следующее предложение делают только покупателям одного из тех, что выше
problem-entry-offer-follow-up-field = первое предложение — входной продукт, его покупают после касаний; «кому предлагают», доля согласившихся и задержка есть только у следующих
problem-missing-for-follow-up = не заполнено; оно нужно каждому предложению после первого
problem-end-before-start = последний день ({ $end }) раньше первого ({ $start })
problem-past-horizon = день { $day } за горизонтом ({ $horizon } { $horizon ->
    [one] день
    [few] дня
   *[other] дней
  })
problem-horizon-out-of-range = должно быть от 1 до { $max } дней (сейчас { $value })
problem-wrong-schema = это схема { $found }, а эта версия Funnel Lab читает схему { $schema }
problem-unknown-path = в этом сценарии нет поля с путём «{ $path }»
problem-not-uncertain = «{ $path }» — точное число или текст; двигаться вместе могут только неточные значения
problem-fixed-in-correlation = «{ $path }» задано одним числом; двигаться вместе могут только значения, заданные 90% интервалом, наблюдениями, равномерным или треугольным разбросом
problem-not-two-paths = нужно назвать ровно два поля (сейчас { $n })
problem-tied-to-itself = связывает «{ $path }» само с собой; назовите два разных поля
problem-repeated-pair = связывает те же два поля, что и correlations[{ $index }]
problem-rank-outside = должно быть числом строго между −1 и 1 (сейчас { $value })
problem-not-positive-definite = эти связи не могут выполняться все сразу (их матрица перестаёт быть положительно определённой на «{ $path }»); ослабьте связи, в которых участвует это поле
field-error = { $place } ({ $path }): { $problem }
field-error-at-path = { $path }: { $problem }
bounds-price-step = больше 0 (рост цены, вдвое снижающий спрос)
bounds-from-to = от { $min } до { $max }
bounds-from-to-days = от { $min } до { $max } { $n ->
    [one] дня
   *[other] дней
  }
bounds-above-at-most = больше { $min } и не больше { $max }
bounds-above-at-most-days = больше { $min } и не больше { $max } { $n ->
    [one] дня
   *[other] дней
  }

## Файлы, ссылки и хранилище, которые не читаются

parse-not-json = это не JSON ({ $detail })
parse-not-a-scenario = это не сценарий (нет поля schema)
parse-wrong-schema = это схема { $found }, а эта версия Funnel Lab читает схему { $schema }
parse-field = { $path }: { $detail }
read-corrupt = это не сохранённый сценарий Funnel Lab ({ $detail })
read-newer = это сохранила более новая версия Funnel Lab (формат { $version }; эта читает до { $current }); данные оставлены как есть
read-scenario = сохранённый сценарий не читается: { $detail }
link-not-a-link = в этой ссылке нет сценария Funnel Lab
link-damaged = ссылка повреждена (обрезана или изменена): ничего не загружено; попросите прислать её целиком
link-content = ссылку не удаётся открыть: { $detail }
store-unavailable = этот браузер не разрешает странице хранить данные (приватный режим или заблокированный фрейм): работа сохранится, только пока страница открыта
store-full = хранилище браузера для этой страницы заполнено: удалите несколько сохранённых сценариев
store-other = хранилище браузера не сработало: { $detail }
library-protected = в «{ $name }» лежат данные, которые эта версия не читает, поэтому они не тронуты; сохраните под другим именем
library-no-such-name = сценария «{ $name }» нет
library-name-taken = сценарий «{ $name }» уже есть
library-empty-name = дайте сценарию имя

## Поля сценария (по-английски: src/inputs.rs)

field-Name = Название
field-Currency = Валюта
field-HorizonDays = Горизонт
field-ChannelName = Название
field-ChannelStartDay = С дня
field-ChannelEndDay = По день
field-ChannelVisitorsPerDay = Посетителей в день
field-ChannelCostPerVisitor = Цена посетителя
field-ChannelOptinRate = Конверсия в лида
field-LeadMagnetPrice = Цена
field-LeadMagnetDeliveryCost = Стоимость выдачи на лида
field-LeadMagnetPriceHalvingStep = Рост цены, вдвое снижающий спрос
field-LeadMagnetPriceReference = Цена, при которой видели эту конверсию в лида
field-NurtureWindowDays = Горячее окно
field-NurtureTouchesPerWeek = Касаний в неделю в окне
field-NurtureTouchesPerMonthAfter = Касаний в месяц после окна
field-NurtureTrustTouches = Касаний до полного доверия
field-NurtureConversionPerTouch = Конверсия за касание (при полном доверии)
field-NurtureUnsubscribePerTouch = Отписок за касание
field-NurtureInterestHalfLifeDays = Период полураспада интереса
field-NurtureCostPerTouch = Цена касания
field-OfferId = Id
field-OfferName = Название
field-OfferOfferedTo = Предлагают покупателям
field-OfferTakeRate = Доля согласившихся
field-OfferDelayDays = Средняя задержка
field-OfferPrice = Цена
field-OfferUnitCost = Себестоимость
field-OfferRefundRate = Доля возвратов денег
field-OfferPriceHalvingStep = Рост цены, вдвое снижающий спрос
field-OfferPriceReference = Цена, при которой видели этот спрос
field-RepeatCustomersOf = Клиенты продукта
field-RepeatPrice = Цена
field-RepeatUnitCost = Себестоимость
field-RepeatPurchasesPerMonth = Покупок в месяц (у активного клиента)
field-RepeatRateShape = Разброс ритмов (форма гамма-распределения)
field-RepeatDropoutAfterPurchase = Уход после покупки
field-RepeatDropoutConcentration = Концентрация ухода
field-WinbackDetectDays = Попытка через
field-WinbackSuccessRate = Доля успешных попыток
field-WinbackCostPerAttempt = Цена попытки
field-SubscriptionOfferedTo = Предлагают покупателям
field-SubscriptionTakeRate = Доля согласившихся
field-SubscriptionDelayDays = Средняя задержка (дней)
field-SubscriptionMonthlyPrice = Цена в месяц
field-SubscriptionMonthlyUnitCost = Себестоимость в месяц
field-SubscriptionMonthlyChurn = Отток после платежа
field-SubscriptionChurnConcentration = Концентрация оттока
field-ReferralsCustomersOf = Клиенты продукта
field-ReferralsFanRate = Доля фанатов
field-ReferralsLeadsPerFan = Лидов от фаната
field-ReferralsPromoterRate = Доля промоутеров
field-ReferralsLeadsPerPromoter = Лидов от промоутера
field-ReferralsRewardPerReferredBuyer = Вознаграждение за приведённого покупателя
field-ReferralsWindowDays = Лиды по рекомендациям приходят в течение
field-ReferralsReferredConversionMultiplier = Лиды по рекомендациям покупают во столько раз чаще
field-FixedCostsPerMonth = Постоянные расходы в месяц

## Метрики (по-английски: src/metrics.rs)

metric-visitors = Посетители
metric-leads = Лиды
metric-optin = Конверсия в лида
metric-unsubscribes = Отписки
metric-touches = Касаний сделано
metric-customers = Клиенты
metric-revenue = Выручка
metric-cost = Расходы
metric-profit = Прибыль
metric-roi = ROI
metric-cac = CAC
metric-cltv = CLTV
metric-epl = Доход на лида
metric-front_end_roas = ROAS первых продаж
metric-payback_day = День окупаемости
metric-cash_needed = Нужно денег
metric-refunds = Возвраты денег
metric-ads_cost = Реклама
metric-lead_magnet_revenue = Выручка от лид-магнита
metric-lead_magnet_cost = Выдача лид-магнита
metric-touch_cost = Расходы на касания
metric-unit_costs = Себестоимость
metric-referral_rewards = Вознаграждения промоутерам
metric-winback_cost = Расходы на возврат клиентов
metric-fixed_costs = Постоянные расходы
metric-repeat_customers = Повторные клиенты
metric-repeat_purchases = Повторные покупки
metric-repeat_revenue = Выручка от повторных покупок
metric-winback_attempts = Попытки возврата
metric-winbacks = Возвращённые клиенты
metric-subscribers = Подписчики
metric-subscription_payments = Платежи по подписке
metric-subscription_revenue = Выручка от подписки
metric-mrr_end = MRR в конце
metric-fans = Фанаты
metric-promoters = Промоутеры
metric-referred_leads = Лиды по рекомендациям
metric-referred_customers = Клиенты по рекомендациям
offer-field-buyers = Покупатели
offer-field-refunds = Возвраты денег
offer-field-revenue = Выручка без возвратов
offer-field-conversion = Конверсия
channel-field-visitors = Посетители
channel-field-leads = Лиды
channel-field-spend = Расход
channel-field-customers = Клиенты
channel-field-revenue = Выручка
channel-field-cost = Расходы
channel-field-profit = Прибыль
channel-field-roi = ROI
series-revenue = Накопленная выручка
series-cost = Накопленные расходы
series-profit = Накопленная прибыль
series-active_repeat = Активные повторные клиенты
series-active_subscribers = Активные подписчики
series-mrr = MRR

## Словарь терминов (по-английски: src/glossary.rs)

term-funnel = Воронка
term-funnel-meaning = Воронка — это путь от незнакомца до покупателя, разбитый на шаги (например, внимание, информирование, продажа); на каждом шаге остаётся только часть тех, кто на него пришёл.
term-lg_lc_am = LG–LC–AM
term-lg_lc_am-meaning = LG–LC–AM делит продажи на три задачи: генерация лидов (lead generation) собирает контакты, конверсия лидов (lead conversion) превращает их в первых покупателей, а работа с клиентами (account management) продаёт снова тем, кто уже купил.
term-channel = Канал
term-channel-meaning = Канал — один источник посетителей, например контекстная реклама или блог партнёра, со своим трафиком в день, ценой посетителя и конверсией в лида; каждый канал должен окупаться.
term-visitor = Посетитель
term-visitor-meaning = Посетитель — человек, пришедший на вашу страницу или в магазин из канала; каждый обходится в цену посетителя этого канала.
term-cost_per_visitor = Цена посетителя
term-cost_per_visitor-meaning = Цена посетителя — сколько канал берёт с вас за одного посетителя, например цена одного клика по рекламе.
term-lead = Лид
term-lead-meaning = Лид — человек, который проявил интерес и оставил контакты, обычно ради лид-магнита, но пока ничего не купил.
term-lead_magnet = Лид-магнит
term-lead_magnet-meaning = Лид-магнит — что-то полезное, что вы отдаёте в обмен на контакты посетителя: гайд, чек-лист, бесплатный урок.
term-delivery_cost = Стоимость выдачи лид-магнита
term-delivery_cost-meaning = Стоимость выдачи — во сколько вам обходится вручить лид-магнит одному лиду.
term-optin_rate = Конверсия в лида
term-optin_rate-meaning = Конверсия в лида — доля посетителей, которые берут лид-магнит и так становятся лидами.
term-conversion = Конверсия
term-conversion-meaning = Конверсия — доля тех, кто пришёл на шаг воронки и перешёл на следующий, например покупатели, делённые на лидов.
term-nurture = Прогрев
term-nurture-meaning = Прогрев — серия касаний (письма, звонки, сообщения), которая поддерживает связь с лидами, пока они не купят, не отпишутся или не остынут; чаще всего в горячее окно первых 30 дней, реже после него.
term-nurture_window = Горячее окно
term-nurture_window-meaning = Горячее окно — первые дни после того, как лид оставил контакты (обычно 30), когда интерес самый сильный и касаний больше всего; потом — всего несколько касаний в месяц.
term-touch = Касание
term-touch-meaning = Касание — один контакт с лидом: письмо, звонок или сообщение; оно стоит немного и даёт лиду шанс купить входной продукт.
term-trust_touches = Касаний до доверия
term-trust_touches-meaning = Касаний до доверия — сколько касаний нужно лиду, чтобы полностью вам доверять: до этого шанс покупки растёт с каждым касанием, а потом остаётся равным полной конверсии за касание.
term-conversion_per_touch = Конверсия за касание
term-conversion_per_touch-meaning = Конверсия за касание — вероятность, что лид, который уже вам доверяет, купит входной продукт после одного касания.
term-warm_pool = Тёплая база
term-warm_pool-meaning = Тёплая база — лиды, которых вы ещё касаетесь, потому что они пока не купили, не отписались и не остыли.
term-going_cold = Остывание
term-going_cold-meaning = Лид остывает, когда купил у других, решил проблему иначе или пока не готов; он тихо уходит из тёплой базы, ничего не купив.
term-half_life = Период полураспада интереса (остывание)
term-half_life-meaning = Период полураспада интереса — число дней, за которое половина лидов тёплой базы остыла бы, то есть тихо ушла, не купив и не отписавшись.
term-unsubscribe = Отписка
term-unsubscribe-meaning = Лид отписывается, когда просит больше ему не писать; это может случиться после любого касания, которое не закончилось покупкой.
term-value_ladder = Лестница продуктов
term-value_ladder-meaning = Лестница продуктов (пирамида ценностей) — ряд предложений растущей цены и ценности: от бесплатного лид-магнита через трипваер и основной продукт к премиальному; клиенты поднимаются по ней шаг за шагом.
term-entry_offer = Входной продукт
term-entry_offer-meaning = Входной продукт — первое, что лид может купить, только после касаний; купив его, лид становится клиентом.
term-tripwire = Трипваер
term-tripwire-meaning = Трипваер — дешёвый входной продукт, задача которого не заработать, а превратить лида в покупателя.
term-core_offer = Основной продукт
term-core_offer-meaning = Основной продукт — ваш главный продукт, который должен приносить большую часть денег; его предлагают тем, кто купил предыдущую ступень.
term-upsell = Допродажа
term-upsell-meaning = Допродажа (апсейл) — более дорогое предложение, например коучинг или услуга «под ключ», для тех, кто уже купил основной продукт.
term-follow_up = Следующее предложение
term-follow_up-meaning = Следующее предложение делают покупателям одного из прежних предложений через несколько дней после их покупки, а не лидам.
term-take_rate = Доля согласившихся
term-take_rate-meaning = Доля согласившихся — доля покупателей прежнего предложения, которые покупают и следующее или оформляют подписку.
term-delay = Задержка
term-delay-meaning = Задержка — среднее число дней между покупкой одного продукта и покупкой следующего, предложенного этому покупателю.
term-refund = Возврат денег
term-refund-meaning = Возврат денег — недовольный покупатель получает цену обратно; себестоимость при этом не возвращается, а следующих предложений он больше не получает.
term-price_response = Реакция на цену (шаг, вдвое снижающий спрос)
term-price_response-meaning = Реакция на цену показывает, насколько покупатели чувствительны к цене. Спрос, который вы ввели, вы видели при опорной цене: каждый шаг цены выше неё вдвое уменьшает число покупателей, а каждый шаг ниже — вдвое увеличивает (но не больше, чем всех).
term-unit_cost = Себестоимость
term-unit_cost-meaning = Себестоимость — во сколько вам обходится одна единица: одна продажа (материалы, доставка, часы коуча), один лид-магнит или один месяц подписки.
term-customer = Клиент
term-customer-meaning = Клиент — человек, который купил входной продукт и не попросил вернуть деньги.
term-repeat_purchase = Повторная покупка (возврат клиента)
term-repeat_purchase-meaning = Повторная покупка — клиент возвращается и покупает снова в своём ритме, пока не уйдёт; на этом пути возврата зарабатывает работа с клиентами.
term-purchase_rhythm = Ритм покупок
term-purchase_rhythm-meaning = Ритм покупок — как часто повторный клиент обычно покупает, в покупках за месяц; у каждого клиента свой ритм вокруг среднего.
term-dropout = Уход клиента
term-dropout-meaning = Повторный клиент уходит, когда перестаёт покупать насовсем; после каждой повторной покупки есть шанс, что она была последней.
term-winback = Возврат ушедшего клиента
term-winback-meaning = Возврат ушедшего клиента — попытка через несколько дней после того, как его ритм покупок сбился, вернуть его; она стоит денег и удаётся не всегда.
term-subscription = Подписка
term-subscription-meaning = Подписка — ежемесячный платёж, который клиент вносит каждые 30 дней, пока не откажется.
term-churn = Отток
term-churn-meaning = Отток — доля подписчиков, которые отказываются от подписки после очередного платежа.
term-mrr = MRR
term-mrr-meaning = MRR (ежемесячная регулярная выручка) — сколько платят в месяц активные подписчики: их число, умноженное на месячную цену.
term-fan = Фанат
term-fan-meaning = Фанат — довольный клиент, который бесплатно рекомендует вас и так приводит новых лидов.
term-promoter = Промоутер
term-promoter-meaning = Промоутер — клиент, который рекомендует вас за вознаграждение: оно выплачивается за каждого приведённого человека, который купит.
term-referral = Рекомендация
term-referral-meaning = Лид по рекомендации — новый лид, которого привёл фанат или промоутер; он приходит уже с доверием и покупает охотнее, чем лид из рекламы.
term-reward = Вознаграждение
term-reward-meaning = Вознаграждение — сколько вы платите промоутеру за каждого приведённого им человека, который купил входной продукт.
term-revenue = Выручка
term-revenue-meaning = Выручка — все деньги, которые пришли, за вычетом возвратов.
term-cost = Расходы
term-cost-meaning = Расходы — все деньги, которые ушли (реклама, выдача лид-магнита, касания, себестоимость, вознаграждения, попытки возврата и постоянные расходы); возвраты денег учтены в выручке.
term-fixed_costs = Постоянные расходы
term-fixed_costs-meaning = Постоянные расходы — то, что вы платите каждый месяц, сколько бы ни продали: зарплаты, аренда, сервисы; они списываются в дни 0, 30, 60 и так далее.
term-profit = Прибыль
term-profit-meaning = Прибыль — выручка минус расходы.
term-roi = ROI
term-roi-meaning = ROI (окупаемость вложений) — прибыль, делённая на расходы: 0,5 значит, что каждый потраченный рубль вернулся с 50 копейками сверху, а всё, что ниже 0, — убыток.
term-cac = CAC
term-cac-meaning = CAC (стоимость привлечения клиента) — во сколько обходится один клиент: реклама, выдача лид-магнита, касания и вознаграждения промоутерам, делённые на число клиентов.
term-mc_error = Погрешность Монте-Карло
term-mc_error-meaning = Погрешность Монте-Карло (± после числа) — насколько это число сдвинулось бы, если посчитать тот же сценарий заново с другим зерном (примерно в 95% случаев). Она уменьшается с ростом числа испытаний; когда она мала, новые испытания ответа уже не изменят.
term-cltv = CLTV
term-cltv-meaning = CLTV (пожизненная ценность клиента) — сколько один клиент оставляет вам за горизонт: выручка минус себестоимость и расходы на возврат, делённые на число клиентов. Если CLTV больше CAC, привлекать клиентов выгодно.
term-epl = EPL
term-epl-meaning = EPL (доход на лида) — выручка, делённая на число лидов: сколько в среднем стоит для вас один лид.
term-payback_day = День окупаемости
term-payback_day-meaning = День окупаемости — последний день, когда накопленная прибыль поднялась из минуса до нуля или выше; если в конце она ниже нуля, окупаемости нет.
term-cash_needed = Нужно денег
term-cash_needed-meaning = «Нужно денег» — самая глубокая просадка накопленной прибыли ниже нуля: столько денег нужно иметь, пока бизнес не начнёт себя окупать.
term-channel_roi = ROI канала
term-channel_roi-meaning = ROI канала сравнивает выручку от людей, которых привёл канал, с их переменными расходами (постоянные расходы не делятся); канал, который в большинстве испытаний ниже 0, стоит отключить.
term-trial = Испытание (метод Монте-Карло)
term-trial-meaning = Испытание — один смоделированный прогон всего горизонта со своим розыгрышем каждого неточного значения и каждого выбора людей; много испытаний вместе показывают разброс возможных результатов; испытания раскладывают розыгрыши каждого неточного значения равномерно по всему его диапазону, поэтому результаты устанавливаются за меньшее число испытаний, чем при независимых розыгрышах.
term-seed = Зерно
term-seed-meaning = Зерно — число, с которого начинаются случайные розыгрыши: один и тот же сценарий с тем же зерном всегда даёт в точности те же результаты.
term-horizon = Горизонт
term-horizon-meaning = Горизонт — сколько дней охватывает моделирование; всё, что случилось бы позже, не считается.
term-uncertain = Неточное значение
term-uncertain-meaning = Неточное значение — число, которое вы не знаете точно: его задают 90% интервалом, наблюдениями, равномерным или треугольным разбросом, и каждое испытание разыгрывает его один раз.
term-range_90 = 90% интервал
term-range_90-meaning = 90% интервал «от … до …» значит, что вы на 90% уверены, что значение между ними: с шансом 5% оно ниже нижней границы и с шансом 5% выше верхней.
term-observed = Наблюдения
term-observed-meaning = Наблюдения, например «12 из 100», — доля, которую вы посчитали сами; чем меньше случаев вы посчитали, тем шире неопределённость, которую моделирование разыгрывает вокруг неё.
term-uniform = Равномерное
term-uniform-meaning = Равномерное значение с равным шансом оказывается где угодно между нижней и верхней границей.
term-triangular = Треугольное
term-triangular-meaning = Треугольное значение лежит между нижней и верхней границей и скорее всего оказывается рядом с тем, что вы считаете самым вероятным.
term-percentile = Процентиль (P5, P50, P95)
term-percentile-meaning = Процентиль делит испытания: 5% из них заканчиваются ниже P5, половина ниже P50 (медианы) и 95% ниже P95, так что от P5 до P95 — средние 90% результатов.
term-median = Медиана
term-median-meaning = Медиана (P50) — серединный результат: половина испытаний оказалась лучше, половина хуже.
term-prob_loss = Вероятность убытка
term-prob_loss-meaning = Вероятность убытка — доля испытаний, которые заканчивают горизонт с отрицательной прибылью.

## Пресеты (по-английски: src/presets.rs и presets/*.json)

preset-classic-title = Классическая воронка в 3 шага
preset-classic-tagline = Внимание → информирование → продажа: видеореклама, бесплатный урок, один курс за { MONEY(79, $currency) }.
preset-classic-explanation = В самой простой воронке три шага: видеореклама привлекает внимание, бесплатный урок информирует в обмен на адрес почты, а несколько писем ведут к продаже одного курса. На каждом шаге часть людей отваливается, а доля тех, кто идёт дальше, — это конверсия шага. Посмотрите, сколько посетителей нужно, чтобы получить одного клиента, и какая часть диапазона прибыли выше нуля. Попробуйте поднять конверсию за касание, а потом цену, и сравните, что сильнее двигает прибыль. Цена курса влияет на спрос: покупателей считали при цене { MONEY(79, $currency) }, и каждые { MONEY(60, $currency) } сверху вдвое уменьшают их число (а каждые { MONEY(60, $currency) } скидки — вдвое увеличивают), поэтому при более высокой цене каждая продажа приносит больше, но покупателей меньше.
preset-classic-name = Классическая воронка в 3 шага: онлайн-курс гитары
preset-classic-channel-0 = Видеореклама
preset-classic-offer-course = Курс гитары
preset-lg-lc-am-title = LG–LC–AM: три отдела
preset-lg-lc-am-tagline = Собрать контакты, конвертировать их за 30 горячих дней, а потом удерживать клиентов.
preset-lg-lc-am-explanation = Генерация лидов приводит контакты из трёх каналов с помощью бесплатного гайда по завариванию кофе, конверсия лидов касается каждого лида два-три раза в неделю в первые 30 дней, пока интерес горячий, а работа с клиентами продаёт повторные заказы и пытается вернуть тех, кто перестал покупать. Первый заказ не окупает даже рекламу: деньги — в повторных заказах. Посмотрите в таблицу каналов: реклама в Instagram в большинстве испытаний убыточна, а два других канала окупаются. Попробуйте отключить Instagram (поставьте последний день 0) и сравните прибыль и вероятность убытка.
preset-lg-lc-am-name = LG-LC-AM: онлайн-обжарщик кофе
preset-lg-lc-am-channel-0 = Поисковая реклама
preset-lg-lc-am-channel-1 = Реклама в Instagram
preset-lg-lc-am-channel-2 = Партнёр — кофейный блог
preset-lg-lc-am-offer-first-order = Стартовый набор
preset-tripwire-ladder-title = Лестница продуктов с трипваером
preset-tripwire-ladder-tagline = Бесплатный чек-лист → трипваер за { MONEY(7, $currency) } → курс за { MONEY(249, $currency) } → наставничество за { MONEY(890, $currency) }.
preset-tripwire-ladder-explanation = Лестница продуктов ведёт людей наверх шаг за шагом: бесплатный чек-лист, трипваер за { MONEY(7, $currency) }, основной курс и личное наставничество на вершине. Задача трипваера — превращать лидов в покупателей, а не зарабатывать: его выручка покрывает лишь около половины рекламы. Посмотрите в таблицу лестницы продуктов, чтобы увидеть, откуда на самом деле берётся прибыль. Попробуйте поставить долю согласившихся на наставничество 0 и посмотрите, как медианная прибыль падает больше чем вдвое. Покупателей трипваера посчитали при цене { MONEY(7, $currency) }, и каждые следующие { MONEY(15, $currency) } вдвое уменьшают их число: при цене { MONEY(22, $currency) } его купят вдвое меньше людей, и меньше из них поднимутся к курсу и наставничеству.
preset-tripwire-ladder-name = Лестница продуктов с трипваером: школа фотографии
preset-tripwire-ladder-channel-0 = Реклама в Facebook
preset-tripwire-ladder-offer-tripwire = Набор пресетов для Lightroom
preset-tripwire-ladder-offer-core = Курс фотографии
preset-tripwire-ladder-offer-upsell = Личное наставничество
preset-customer-journey-title = Путь клиента в 9 касаний
preset-customer-journey-tagline = От бесплатного видео до промоутера: девять касаний, возврат клиента, фанаты и промоутеры.
preset-customer-journey-explanation = Путь клиента ведёт человека от бесплатного видео до рекомендаций: лид-магнит, трипваер, бесплатный живой эфир с ответами на вопросы, основная программа, коучинг, повторные покупки, а затем фанаты, которые рекомендуют вас бесплатно, и промоутеры, которые делают это за вознаграждение. Прогрев — девять сообщений за первые 30 дней, а полное доверие наступает после семи из них. Посмотрите на строку рекомендаций в таблице каналов: эти клиенты почти ничего не стоят, но рекомендуют вас только купившие основную программу, поэтому их немного. Попробуйте поднять долю согласившихся на основную программу или долю фанатов и посмотрите, как растёт строка рекомендаций. Покупателей стартовой программы посчитали при цене { MONEY(15, $currency) }, и каждые следующие { MONEY(20, $currency) } вдвое уменьшают их число, поэтому более высокая цена прореживает и все шаги после неё.
preset-customer-journey-name = Путь клиента в 9 касаний: онлайн-школа йоги
preset-customer-journey-channel-0 = YouTube и блог
preset-customer-journey-channel-1 = Реклама в соцсетях
preset-customer-journey-offer-tripwire = Стартовая программа
preset-customer-journey-offer-engage = Бесплатный эфир с ответами
preset-customer-journey-offer-core = Программа на 12 недель
preset-customer-journey-offer-coaching = Личный коучинг
preset-membership-title = Клуб с ежемесячной оплатой
preset-membership-tagline = Первый месяц за полцены, затем ежемесячная подписка с медленным оттоком.
preset-membership-explanation = Разговорный клуб продаёт первый месяц за полцены, и примерно половина купивших остаётся платящими участниками. Каждый месяц часть участников уходит — это отток, и он решает, как долго участник платит. Посмотрите, как регулярная выручка (MRR) растёт за год, и на поздний день окупаемости: подписка окупается медленно, зато продолжает платить. Попробуйте немного снизить ежемесячный отток и посмотрите, насколько изменится прибыль. Первый месяц продавали за { MONEY(15, $currency) }, и каждые следующие { MONEY(20, $currency) } вдвое уменьшают число покупателей: при цене { MONEY(35, $currency) } клуб попробуют вдвое меньше людей.
preset-membership-name = Клуб по подписке: разговорный английский
preset-membership-channel-0 = Поисковая реклама
preset-membership-offer-trial-month = Первый месяц за полцены
preset-example-title = Полная лестница (пример из модели)
preset-example-tagline = Все этапы сразу и урок о постоянных расходах.
preset-example-explanation = Это пример из описания модели: включены все этапы, а поисковая реклама идёт только первые два месяца. Реклама окупается примерно в трёх испытаниях из четырёх, но постоянные расходы 3 000 в месяц больше, чем лестница зарабатывает за полгода, поэтому большинство испытаний заканчивается убытком. Сравните таблицу каналов с диапазоном прибыли: окупающийся канал — это ещё не окупающийся бизнес. Попробуйте снизить постоянные расходы и заметьте, что более долгая реклама помогает мало: поздние лиды не успевают подняться по лестнице. Покупателей мини-курса посчитали при цене { MONEY(7, $currency) }, и каждые следующие { MONEY(20, $currency) } вдвое уменьшают их число: при цене { MONEY(27, $currency) } его купят вдвое меньше людей, и меньше из них начнут подъём по лестнице.
preset-example-name = Воронка с трипваером
preset-example-channel-0 = Поисковая реклама
preset-example-offer-tripwire = Мини-курс
preset-example-offer-core = Курс
preset-example-offer-upsell = Коучинг

## Открытие сценариев извне (src/startup.rs)

offer-run-trials = Посчитать { $shown } { $n ->
    [one] испытание
    [few] испытания
   *[other] испытаний
  }
offer-open-anyway = Всё равно открыть
offer-start-clean = Начать с чистого листа
offer-keep-this-tab = Сохранить копию этой вкладки
trials-unusable-link = В ссылке нет подходящего числа испытаний (нужно целое число от 1 до { $max }), поэтому считается по умолчанию: { $default }.
trials-unusable-file = В файле нет подходящего числа испытаний (нужно целое число от 1 до { $max }), поэтому считается по умолчанию: { $default }.
trials-capped-link = Ссылка просит { $asked } испытаний; страница считает не больше { $max } и не запускает долгий расчёт без спроса, поэтому сейчас считает { $default }.
trials-capped-file = Файл просит { $asked } испытаний; страница считает не больше { $max } и не запускает долгий расчёт без спроса, поэтому сейчас считает { $default }.
hold-shared-not-kept = то, что было раньше, по-прежнему в автосохранении и не перезаписывается ({ $detail })
hold-autosave-unfinished = автосохранённый сценарий в прошлый раз не открылся; он остаётся как есть, пока вы его не откроете или не начнёте с чистого листа
unfinished-link = В прошлый раз эта ссылка так и не открылась: страница могла зависнуть или упасть. Поэтому она не открыта снова. Откройте её всё равно или начните с чистого листа.
unfinished-autosave = В прошлый раз автосохранённый сценарий «{ $name }» так и не открылся: страница могла зависнуть или упасть. Поэтому он не открыт снова. Откройте его всё равно или начните с чистого листа.
label-did-not-open = { $name } (не открылся)
label-this-tab = { $name } (эта вкладка)
started-clean = Начато с чистого листа.
started-clean-kept = Начато с чистого листа. Сценарий, который не открылся, сохранён в «Сохранённых сценариях» под именем «{ $name }».
started-clean-not-kept = Сценарий, который не открылся, не удалось сохранить ({ $detail }), поэтому он остаётся в автосохранении нетронутым; эта вкладка работает только в памяти.
other-tab-changed = Другая вкладка заменила автосохранённый сценарий на «{ $name }», и после перезагрузки откроется он, а не сценарий этой вкладки. Сохраните сценарий этой вкладки под именем, чтобы остались оба.
other-tab-removed = Другая вкладка убрала автосохранённый сценарий, и после перезагрузки сценарий этой вкладки не вернётся. Сохраните его под именем, чтобы не потерять.
this-tab-kept = Сценарий этой вкладки сохранён в «Сохранённых сценариях» под именем «{ $name }».
this-tab-not-kept = Сценарий этой вкладки не удалось сохранить: { $detail }. «Экспорт JSON» сохранит его в файл.
own-tab = Funnel Lab открывается в отдельной вкладке.
own-tab-open = Открыть Funnel Lab ↗
limit-channels = В сценарии может быть не больше { $n } каналов
limit-offers = В сценарии может быть не больше { $n } предложений

## Пределы (src/limits.rs)

over-limits = он превышает пределы Funnel Lab: { $detail }
over-bytes = слишком большой: { $found } байт, а Funnel Lab читает не больше { $max } байт (1 МБ)
over-items = слишком много ({ $noun }): { $found }, а в сценарии может быть не больше { $max }
over-chars = слишком длинный текст: { $found } символов, а в названиях, id и других текстах может быть не больше { $max }
over-more-texts = и ещё { $more } { $more ->
    [one] слишком длинный текст
    [few] слишком длинных текста
   *[other] слишком длинных текстов
  } (не больше { $max } символов в каждом)
link-unknown-format = эта ссылка (начинается с «{ $prefix }») сделана другой версией Funnel Lab или вообще не ссылка Funnel Lab: ничего не загружено
link-too-large = ссылка слишком большая: она распаковалась бы больше чем в { $max } байт (1 МБ), куда больше, чем нужно любому сценарию; ничего не загружено

## Расчёт на нескольких потоках (web/src/run.rs, web/src/pool.rs)

memory-cap = Чтобы сохранить все { COUNT($trials) } испытаний этого сценария, нужно около { $mb } МБ — больше, чем вкладка браузера может надёжно удержать, поэтому страница считает первые { COUNT($cap) } (для большего используйте команду funnel-lab).
status-capped = Посчитано { COUNT($done) } из { COUNT($total) } испытаний: на остальные ушло бы около { $rest }.
run-rest = Досчитать остальные
run-again-with = Посчитать заново: { COUNT($n) } { $n ->
    [one] испытание
    [few] испытания
   *[other] испытаний
  }
duration-seconds = { $n } с
duration-minutes = { $n } мин
duration-hours = { $n } ч
precision-stop = Остановить
precision-every-trial = после всех испытаний
precision-within = когда ± не больше { $percent }%
worker-no-message = его сообщения не удалось прочитать
worker-role-runner = Поток, считающий испытания,
worker-role-summariser = Поток, собирающий результаты,
worker-cause-bug = в нём ошибка ({ $detail })
worker-cause-memory = скорее всего, ему не хватило памяти ({ $detail })
worker-silent = он перестал отвечать
worker-stopped = { $role } остановился после { COUNT($done) } из { COUNT($total) } испытаний: { $cause }. Больше ничего не потеряно; можно посчитать снова, а если это повторится — с меньшим числом испытаний.

## pricing-ui

card-front-end-roas = ROAS первых продаж
card-front-end-roas-self = Самоокупаемо: первые продажи оплачивают рекламу ({ $range })
card-front-end-roas-not = Не самоокупаемо: первые продажи возвращают { $part } расходов на рекламу ({ $range })
card-front-end-roas-none = Расходов на рекламу нет, поэтому нет и ROAS
price-factor-readout = при { $price }: ×{ $factor } от покупателей, которых видели при { $reference }
sweep-axis-price = Цена
sweep-legend-median = медиана прибыли
sweep-legend-loss = вероятность убытка (правая ось)
sweep-legend-best = наибольшая ожидаемая прибыль
sweep-legend-safe = безопасная цена (наибольший P5)
sweep-describe-best = Наибольшая ожидаемая прибыль — при цене { $price } (средняя прибыль { $value }; цены от { $low } до { $high } так же хороши в пределах шума Монте-Карло).
sweep-describe-safe = Безопасная цена, с наибольшим 5-м процентилем прибыли, — { $price } (P5 { $value }; так же хороши в пределах шума цены от { $low } до { $high }).
sweep-describe-none = Ни у одной точки перебора пока нет прибыли, которую можно отметить.
sweep-describe-preview = Первый взгляд по { COUNT($trials) } испытаниям на цену; лучшая и безопасная цены будут отмечены, когда все цены будут просчитаны полностью.
pricing-title = Лаборатория цен
pricing-note = Попробуйте сразу много цен или найдите значение поля, при котором достигается цель по прибыли. Каждая цена или значение считается на тех же испытаниях с тем же зерном (общие случайные числа), поэтому разница — это действие изменения, а не шум. Расчёт идёт в отдельном воркере: страница не зависает.
sweep-title = Перебор цен
sweep-target = Цена чего
sweep-target-lead-magnet = Лид-магнит
sweep-from = От
sweep-to = До
sweep-points = Точек
sweep-trials = Испытаний на точку
sweep-run = Запустить перебор
sweep-cancel = Отменить
sweep-progress = Сначала грубая кривая: { $done } из { $planned } точек…
sweep-preview = Первый взгляд на все цены по первым испытаниям ({ COUNT($first) } на цену, бледные строки); теперь { COUNT($trials) } на цену: { $done } из { $planned } точек…
sweep-refining = Уточняем около лучших цен: { $done } из { $planned } точек…
sweep-done = { $done } цен, по { COUNT($trials) } испытаний на каждую, на одних и тех же случайных числах.
sweep-cancelled = Перебор отменён.
sweep-best = Наибольшая ожидаемая прибыль: { $price } (средняя прибыль { $value }; так же хороши в пределах шума цены от { $low } до { $high })
sweep-safe = Безопасная цена: { $price } (5-й процентиль прибыли { $value }; так же хороши в пределах шума цены от { $low } до { $high })
sweep-apply = Применить { $price }
sweep-applied = { $field }: теперь { $value }.
sweep-table-caption = При каждой цене: среднее число покупателей каждого предложения и ROAS первых продаж
sweep-col-price = Цена
sweep-col-profit = Медиана прибыли
sweep-col-loss = Вероятность убытка
sweep-error-steps = Точек: нужно целое число от 2 до { $max }.
sweep-error-range = От, до: цены должны быть числами, 0 ≤ от < до.
sweep-error-trials = Испытаний: нужно целое число от 10 до { $max }.
sweep-error-invalid = Сначала исправьте ошибки сценария в редакторе.
pricing-failed = Воркер расчёта цен не смог закончить: { $detail }
seek-title = Подбор значения
seek-find = Найти значение поля
seek-so-that = чтобы прибыль была не меньше
seek-by-day = к дню
seek-with-chance = с вероятностью не ниже
seek-percent = %
seek-run = Найти
seek-running = Ищем: каждое пробное значение — это расчёт из { COUNT($trials) } испытаний…
seek-estimate = Первая оценка, по первым { COUNT($trials) } испытаниям каждого значения:
seek-answer = { $field }: { $value } (интервал Монте-Карло { $low } – { $high }); вероятность цели при этом значении — { $chance }.
seek-unreachable-higher = Ни одно допустимое значение поля «{ $field }» не даёт вероятности { $chance }: она не выше { $best } (при { $at }); цель лежит в сторону больших значений.
seek-unreachable-lower = Ни одно допустимое значение поля «{ $field }» не даёт вероятности { $chance }: она не выше { $best } (при { $at }); цель лежит в сторону меньших значений.
seek-error-chance = Вероятность: нужно число больше 0 и не больше 100.
seek-error-day = День: нужно целое число от 1 до горизонта, { $horizon }.
seek-error-profit = Прибыль: нужно число.
seek-apply = Применить { $value }
seek-trials = Испытаний на каждое значение
sweep-edge = Наибольшая ожидаемая прибыль — на краю диапазона: расширьте диапазон, чтобы увидеть, нет ли лучшей цены за ним.
step-tests-title = Вывести шаг из двух тестов цены
step-tests-note = Продавали по двум ценам (например, в A/B-тесте)? Введите оба теста: шаг — это повышение цены, которое вдвое уменьшает долю купивших, через оба теста.
step-tests-test = Тест { $test }: при цене
step-tests-bought = купили
step-tests-of = из
step-tests-fixed = одно число
step-tests-range = диапазон 90% (по размеру тестов)
step-tests-result-fixed = Шаг цены: { $step }
step-tests-result-range = Шаг цены: { $low } – { $high } (диапазон 90%)
step-tests-use = Записать в поле шага
step-axis-share = Доля купивших
step-error-bad-price = Тест { $test }: цена должна быть числом от 0 до 1 000 000 000 000.
step-error-bad-counts = Тест { $test }: число купивших должно быть целым, от 0 до числа тех, кому предлагали, а число тех, кому предлагали, — целым и больше 0.
step-error-same-price = У двух тестов должны быть разные цены.
step-error-no-buyers = Тест { $test }: никто не купил, поэтому по тестам нельзя понять, как быстро падает спрос; проведите тест на большем числе людей.
step-error-same-rate = При обеих ценах купила одна и та же доля, значит, цена не изменила спрос.
step-error-rises = При более высокой цене купила большая доля; реакция на цену позволяет спросу только падать с ростом цены.
step-error-too-uncertain = Тесты слишком малы, чтобы отличить падающий спрос от ровного (с уверенностью 90%); проведите тест на большем числе людей или используйте одно число.
term-price_elasticity = Эластичность спроса по цене
term-price_elasticity-meaning = Эластичность спроса по цене — это то, насколько сильно покупатели реагируют на цену: если небольшое повышение цены отпугивает многих, спрос эластичный и более низкая цена может принести больше; если покупатели почти не замечают повышения, спрос неэластичный и выгоднее более высокая цена; здесь её задаёт шаг цены, повышение на который вдвое уменьшает число покупателей.
term-front_end_roas = ROAS первых продаж
term-front_end_roas-meaning = ROAS первых продаж — это деньги от лид-магнита, входного предложения и следующих за ним покупок, сделанных вскоре после подписки лида, делённые на расходы на рекламу; при значении 1 и больше воронка самоокупаемая: первые продажи сами оплачивают рекламу, и всё, что продано потом, — прибыль.
## ux-layout
headline-profit = Прибыль, медиана
headline-loss = Вероятность убытка
headline-points = { $points } п. п.
headline-change-title = Изменение с прошлого прогона
skip-to-results = Перейти к результатам
phone-tabs = Показать
tab-edit = Изменить
tab-results = Результаты
region-settings = Настройки прогона
status-simulating = Моделирование… { COUNT($done) } из { COUNT($total) } испытаний
results-simulating = Моделирование… первые результаты появятся через мгновение.
results-none = Результатов пока нет: измените что-нибудь, чтобы посчитать снова.
embed-fields-pick = Поля, которые читатели могут менять
embed-group-scenario = Сценарий
table-scroll-cue = Прокрутите вбок, чтобы увидеть все столбцы →
## decide-ui
term-sensitivity = Чувствительность (торнадо)
term-sensitivity-meaning = Торнадо упорядочивает неопределённые входы по тому, насколько сильно меняется результат между испытаниями, где вход был в своих нижних 10%, и теми, где он был в верхних 10%; самый влиятельный вход — сверху.
term-evppi = Ценность информации
term-evppi-meaning = Ценность информации о входе — насколько больше прибыли вы ожидали бы получить, если бы точно знали этот вход до решения о запуске; тест, который его измеряет, стоит не больше этой суммы.
tornado-no-input = Нет неопределённых входов, которые можно упорядочить
tornado-undefined = { $metric }: не определено ни в одном испытании
tornado-tails = P10 { $low } → P90 { $high }
tornado-note-long = Светлая: медиана ({ $metric }), когда вход в нижних 10% испытаний · тёмная: в верхних 10% · линия: медиана всех испытаний, { $median }
tornado-note-short = Светлая: вход низкий (P10) · тёмная: высокий (P90) · линия: медиана ({ $metric })
tornado-note-tiny = Светлая: вход низкий · тёмная: высокий
tornado-describe = Медиана ({ $metric }): { $median }. Медиана, когда вход в нижних или верхних 10% испытаний, начиная с самого влиятельного. { $parts }.
tornado-describe-part = { $input }: { $low } при низком значении ({ $lowInput }), { $high } при высоком ({ $highInput })
tornado-describe-none = Медиана ({ $metric }): { $median }; ни один неопределённый вход на неё не влияет.
tornado-describe-undefined = { $metric }: не определено ни в одном испытании.
decide-title = Какой вход важнее всего
decide-note = По испытаниям этого же прогона, когда он закончился: дополнительных испытаний не нужно.
decide-metric = Упорядочить входы по влиянию на
decide-chart-title = Что сильнее всего двигает показатель «{ $metric }»
decide-click-hint = Нажмите на полосу, чтобы перейти к её полю.
decide-waiting = Упорядоченные входы появятся, когда прогон закончится.
worth-title = Что проверить первым
worth-sentence = Точное знание «{ $input }» стоило бы около { $value }: проверьте это первым.
worth-none = Ни один вход не стоит проверять до запуска: точное знание любого из них добавило бы меньше, чем шум оценки (около { $noise }).
worth-col-input = Если бы вы точно знали
worth-col-value = Прирост ожидаемой прибыли
worth-everything = Знать всё
worth-about-zero = около 0
worth-note = Сколько добавило бы к ожидаемой прибыли знание входа до решения о запуске; значения меньше примерно { $noise } на этих испытаниях неотличимы от 0.
baseline-not-kept = Не удалось сохранить базовый сценарий в этом браузере ({ $detail }); сравнение работает, пока страница открыта.
baseline-link-unreadable = Не удалось прочитать базовый сценарий из ссылки ({ $detail }); сценарий из ссылки открыт без него.
baseline-unreadable = Не удалось прочитать базовый сценарий ({ $detail }); он сохранён как есть.
compare-title = Сравнение с базовым сценарием
compare-pin = Закрепить как базовый
compare-pick = или сравнить с
compare-pick-none = сохранённым сценарием…
compare-unpin = Открепить
compare-none = Закрепите этот сценарий как базовый и меняйте его: каждый прогон сравнивается с базовым на тех же случайных числах.
compare-pinned = Сравнение со сценарием «{ $name }» при том же зерне и числе испытаний.
compare-baseline-invalid = { $n ->
    [one] В базовом сценарии { COUNT($n) } ошибка; исправьте её, чтобы он мог работать.
    [few] В базовом сценарии { COUNT($n) } ошибки; исправьте их, чтобы он мог работать.
   *[other] В базовом сценарии { COUNT($n) } ошибок; исправьте их, чтобы он мог работать.
  }
compare-waiting = Сравнение появится, когда прогон закончится.
compare-failed = Сравнить не удалось: { $detail }
compare-prob = Вероятность обойти базовый
compare-prob-detail = Доля из { COUNT($n) } испытаний, в которых прибыль этого сценария выше
compare-median = Разница медиан прибыли
compare-median-value = { $value } (90%: { $band })
compare-spread = По испытаниям, от P5 до P95: { $range }
compare-chart-title = Разница прибыли по испытаниям (этот − базовый)
compare-chart-text = Разница прибыли по испытаниям — от { $low } до { $high }; красные столбцы: испытания, где базовый лучше, зелёные: где лучше этот сценарий.
compare-current = Этот сценарий
compare-baseline = Базовый: { $name }
section-correlations = Входы, которые меняются вместе
section-correlations-note = Некоторые неопределённые значения растут и падают вместе: хороший рынок поднимает и долю оставивших контакты, и конверсию. Свяжите два из них ранговой корреляцией (0 — независимы, ближе к 1 — меняются вместе, ближе к −1 — один растёт, когда другой падает); каждое сохраняет заданный вами диапазон.
correlation-pick = Выберите поле…
correlation-first = Первое поле
correlation-second = Второе поле
correlation-rank = Ранговая корреляция
correlation-rank-of = Ранговая корреляция: { $a } и { $b }
correlation-add = Связать
correlation-remove = Удалить
correlation-pick-two = Выберите два неопределённых поля, чтобы их связать.
## ux-content

term-scenario_name = Название сценария
term-scenario_name-meaning = Название сценария отличает его от других сохранённых сценариев; им подписаны его результаты, файлы и ссылки.
term-currency = Валюта
term-currency-meaning = Валюта — международный трёхбуквенный код валюты (рубля, доллара, евро …), в котором записаны все цены, расходы и результаты сценария.
term-channel_name = Название канала
term-channel_name-meaning = Название канала отличает каналы в результатах (ROI и лиды каждого канала), поэтому у каждого канала своё название.
term-channel_start_day = С дня
term-channel_start_day-meaning = «С дня» — первый день горизонта, в который канал приводит посетителей; дни считаются с нуля.
term-channel_end_day = По день
term-channel_end_day-meaning = «По день» — день, когда канал останавливается: он приводит посетителей со своего первого дня до дня, предшествующего этому.
term-visitors_per_day = Посетителей в день
term-visitors_per_day-meaning = Посетителей в день — сколько человек канал приводит на вашу страницу в средний день, пока работает; число каждого дня колеблется вокруг него.
term-lead_magnet_price = Цена лид-магнита
term-lead_magnet_price-meaning = Цена лид-магнита — сколько посетитель платит за лид-магнит; обычно 0, потому что его отдают даром, а более высокая цена даёт меньше лидов, но более решительных.
term-lead_magnet_reference_price = Цена, при которой видели эту конверсию в лида
term-lead_magnet_reference_price-meaning = Эта опорная цена — цена лид-магнита, при которой вы видели введённую конверсию в лида; реакция на цену меняет конверсию, когда цена отходит от опорной.
term-touches_per_week = Касаний в неделю (горячее окно)
term-touches_per_week-meaning = Касаний в неделю — сколько раз в неделю с лидом связываются в горячем окне, от 0 до 7.
term-touches_per_month_after = Касаний в месяц после окна
term-touches_per_month_after-meaning = Касаний в месяц после окна — сколько раз в месяц связываются с лидом, который ещё в тёплой базе, когда горячее окно закончилось.
term-unsubscribe_per_touch = Отписок за касание
term-unsubscribe_per_touch-meaning = Отписок за касание — вероятность, что лид попросит больше ему не писать после касания, которое не закончилось покупкой.
term-cost_per_touch = Цена касания
term-cost_per_touch-meaning = Цена касания — во сколько вам обходится один контакт с одним лидом, например отправка письма или минуты звонка.
term-offer_id = Id продукта
term-offer_id-meaning = Id продукта — короткое имя без пробелов, по которому другие предложения и этапы указывают, чьим покупателям они предназначены, и которым продукт назван в результатах и файлах.
term-offer_name = Название продукта
term-offer_name-meaning = Название продукта — как продукт показан вам в результатах и на графиках.
term-offered_to = Предлагают покупателям
term-offered_to-meaning = «Предлагают покупателям» называет прежнее предложение, покупатели которого (те, кто его оставил) получают это предложение или подписку.
term-price = Цена
term-price-meaning = Цена — сколько покупатель платит за одну покупку этого продукта (или за одну повторную покупку) до возможного возврата денег.
term-refund_rate = Доля возвратов денег
term-refund_rate-meaning = Доля возвратов денег — доля покупателей этого продукта, которые просят деньги обратно и поэтому больше не получают предложений.
term-reference_price = Цена, при которой видели этот спрос
term-reference_price-meaning = Эта опорная цена — цена продукта, при которой вы видели введённую долю согласившихся или конверсию; реакция на цену меняет этот спрос, когда цена отходит от опорной.
term-customers_of = Клиенты продукта
term-customers_of-meaning = «Клиенты продукта» называет продукт, покупатели которого (те, кто его оставил) попадают на этот этап: становятся повторными клиентами или могут стать фанатами и промоутерами.
term-rhythm_spread = Разброс ритмов (форма гамма-распределения)
term-rhythm_spread-meaning = Разброс ритмов показывает, насколько ритмы покупок у клиентов разные: при малом значении немногие покупают очень часто, а многие редко, при большом все покупают примерно в одном темпе.
term-dropout_concentration = Концентрация ухода
term-dropout_concentration-meaning = Концентрация ухода показывает, насколько у клиентов разный шанс уйти: при малом значении одни уходят почти сразу, а другие остаются верными, при большом у всех примерно одинаковый шанс.
term-winback_after = Попытка возврата через
term-winback_after-meaning = «Попытка через» — через сколько дней после ухода клиента вы пытаетесь его вернуть.
term-winback_success = Доля успешных попыток возврата
term-winback_success-meaning = Доля успешных попыток — вероятность, что одна попытка вернуть клиента снова сделает его покупателем.
term-winback_cost = Цена попытки возврата
term-winback_cost-meaning = Цена попытки — во сколько вам обходится одна попытка вернуть клиента, например скидка или звонок, удачная она или нет.
term-subscription_delay = Задержка подписки
term-subscription_delay-meaning = Задержка подписки — среднее число дней между покупкой прежнего продукта и началом подписки.
term-monthly_price = Цена в месяц
term-monthly_price-meaning = Цена в месяц — сколько подписчик платит каждые 30 дней; число активных подписчиков, умноженное на неё, даёт MRR.
term-monthly_cost = Себестоимость в месяц
term-monthly_cost-meaning = Себестоимость в месяц — во сколько вам обходится обслуживать одного подписчика месяц.
term-churn_concentration = Концентрация оттока
term-churn_concentration-meaning = Концентрация оттока показывает, насколько у подписчиков разный шанс отказаться: при малом значении одни отказываются сразу, а другие остаются годами, при большом у всех примерно одинаковый шанс.
term-fan_rate = Доля фанатов
term-fan_rate-meaning = Доля фанатов — доля клиентов, которые становятся фанатами и рекомендуют вас бесплатно.
term-leads_per_fan = Лидов от фаната
term-leads_per_fan-meaning = Лидов от фаната — сколько новых лидов в среднем приводит один фанат.
term-promoter_rate = Доля промоутеров
term-promoter_rate-meaning = Доля промоутеров — доля клиентов, которые становятся промоутерами и рекомендуют вас за вознаграждение.
term-leads_per_promoter = Лидов от промоутера
term-leads_per_promoter-meaning = Лидов от промоутера — сколько новых лидов в среднем приводит один промоутер.
term-referral_window = Окно рекомендаций
term-referral_window-meaning = Окно рекомендаций — за сколько дней после покупки клиента приходят лиды, которых он порекомендовал.
term-referred_conversion = Конверсия лидов по рекомендациям
term-referred_conversion-meaning = Этот множитель показывает, во сколько раз чаще лид по рекомендации покупает при касании, чем лид из рекламы: 2 — вдвое чаще.
chart-title-active-subscribers = Активные подписчики, день за днём
chart-title-mrr = Ежемесячная регулярная выручка (MRR), день за днём
chart-title-active-repeat = Активные повторные клиенты, день за днём
chart-name-active-subscribers = Активные подписчики по дням
chart-name-mrr = MRR по дням
chart-name-active-repeat = Активные повторные клиенты по дням
chart-no-daily-series = Нет значений по дням
describe-no-daily-series = Нет значений по дням.
describe-series = { $series } на день { $day } (последний): медиана { $median }, у 90% испытаний от { $low } до { $high }.
describe-series-peak = Медиана выше всего на день { $day }: { $value }.
card-payback-among = медиана среди { $share } испытаний, которые окупаются
card-payback-chart = медиана всех испытаний (график накопленной прибыли) выше нуля с дня { $day }
card-payback-chart-never = медиана всех испытаний (график накопленной прибыли) заканчивается ниже нуля
buyers-vs-customers = Покупатели — это все покупки, и те, за которые вернули деньги: { $buyers } покупателей входного продукта (медиана) минус { $refunds } возвратов — это { $customers } клиентов в таблице каналов, CAC и CLTV (медианы каждого числа, поэтому сумма может не сойтись точно).
