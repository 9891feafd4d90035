/*
 * I-KNOW-HOW roadmap bot: the web chat widget. One tag adds a chat button and panel to any page:
 *
 *   <script src="https://bot.example.org/embed.js" data-lang="nl" data-country="BE" defer></script>
 *
 * data-lang: en, nl or fr (default: the page's lang, else en). data-country: BE, NL, FR or UK (default:
 * the bot asks). data-open="true": the panel is open when the page loads.
 *
 * The bot serves this file at /embed.js with the widget's words in the three languages in place of
 * __IKH_STRINGS__ and the address of Bot Framework Web Chat (served by the bot itself, no CDN, under a
 * content-hashed name that browsers keep for a year) in place of __IKH_WEBCHAT__. Web Chat is fetched
 * when the page is idle, or as soon as the pointer or the keyboard reaches the chat button, so the
 * chat opens at once; the conversation is requested at the same time, not after it. The
 * conversation (its id and token) is kept in localStorage, so it survives a reload, until the user
 * deletes their data: the bot then sends the "iknowhow/dataDeleted" event and the widget starts anew.
 */
/* global window, document, localStorage, fetch, setTimeout, setInterval, clearInterval, __IKH_STRINGS__, __IKH_WEBCHAT__ */
(function () {
  'use strict';

  var STRINGS = __IKH_STRINGS__;
  var WEBCHAT_PATH = __IKH_WEBCHAT__;
  var JOIN_EVENT = 'webchat/join';
  var DATA_DELETED_EVENT = 'iknowhow/dataDeleted';
  // British English: the bot's English is European (and its times are 24-hour, like nl-NL and fr-FR).
  var WEBCHAT_LOCALES = { en: 'en-GB', nl: 'nl-NL', fr: 'fr-FR' };
  var COUNTRIES = ['BE', 'NL', 'FR', 'UK'];
  var ONLINE = 2;
  var FAILED = 4;
  var ENDED = 5;

  var script = document.currentScript;
  if (!script || window.IKnowHowChat) return;

  var base = script.src.replace(/\/embed\.js(?:[?#].*)?$/, '');
  var nonce = script.nonce || script.getAttribute('nonce') || undefined;
  var lang = pickLang(script.getAttribute('data-lang') || document.documentElement.lang);
  var country = pickCountry(script.getAttribute('data-country'));
  var words = STRINGS[lang];
  var position = pickPosition(script.getAttribute('data-position'));
  var storageKey = 'iknowhow-webchat:' + base;

  var ui = null; // built once the page has a body (the tag may sit in <head> without defer)
  var session = null; // { directLine, element, timer }
  var starting = null;
  var webChatLoading = null; // the one request for Web Chat's script
  var awaitingChoices = false; // a choice was pressed: the next choices get the focus
  var notRestored = false; // the saved conversation could not be resumed: the user is told once

  function pickLang(value) {
    var code = String(value || '')
      .slice(0, 2)
      .toLowerCase();
    return Object.prototype.hasOwnProperty.call(STRINGS, code) ? code : 'en';
  }

  /** data-position="left" | "right" [bottom offset in px], e.g. "left 96": where the launcher sits. */
  function pickPosition(value) {
    var parts = String(value || '')
      .trim()
      .toLowerCase()
      .split(/\s+/);
    var bottom = parseInt(parts[1], 10);
    return {
      side: parts[0] === 'left' ? 'left' : 'right',
      bottom: bottom >= 0 && bottom <= 400 ? bottom : 16,
    };
  }

  function pickCountry(value) {
    var code = String(value || '')
      .trim()
      .toUpperCase();
    if (code === 'GB') code = 'UK';
    return COUNTRIES.indexOf(code) >= 0 ? code : null;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  function icon() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
    svg.appendChild(path);
    return svg;
  }

  function buildUi() {
    var css = el('link', { rel: 'stylesheet', href: base + '/webchat/widget.css' });
    if (nonce) css.setAttribute('nonce', nonce);
    document.head.appendChild(css);

    var launcher = el('button', {
      type: 'button',
      class: 'ikh-launcher',
      'aria-expanded': 'false',
      'aria-controls': 'ikh-panel',
    });
    launcher.appendChild(icon());
    launcher.appendChild(el('span', { text: words.open }));
    var close = el('button', {
      type: 'button',
      class: 'ikh-close',
      'aria-label': words.close,
      text: '\u00d7',
    });
    var status = el('p', { class: 'ikh-status', role: 'status', 'aria-live': 'polite' });
    var chat = el('div', { class: 'ikh-chat' });
    var panel = el(
      'section',
      { id: 'ikh-panel', class: 'ikh-panel', 'aria-labelledby': 'ikh-title', hidden: '' },
      [
        el('div', { class: 'ikh-header' }, [
          el('h2', { id: 'ikh-title', class: 'ikh-title', text: words.title }),
          close,
        ]),
        status,
        chat,
        el('p', { class: 'ikh-note', text: words.note }),
      ],
    );
    var root = el(
      'aside',
      {
        class: 'ikh-root' + (position.side === 'left' ? ' ikh-left' : ''),
        lang: lang,
        'aria-label': words.title,
      },
      [launcher, panel],
    );
    // Through the CSSOM, not a style attribute: the page's CSP may refuse inline style attributes.
    root.style.setProperty('--ikh-bottom', position.bottom + 'px');
    document.body.appendChild(root);

    launcher.addEventListener('click', function () {
      if (panel.hidden) open(true);
      else hide();
    });
    close.addEventListener('click', hide);
    // Someone heading for the chat button will open it: fetch Web Chat now.
    launcher.addEventListener('pointerenter', preload);
    launcher.addEventListener('focus', preload);
    chatKeyboard(chat);
    twentyFourHourTimes(chat);
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        hide();
      }
    });
    // On a small screen the open panel covers the page: the keyboard focus stays inside it (Tab from
    // the last control goes to the first, Shift+Tab from the first to the last).
    var small = window.matchMedia('(max-width: 520px)');
    var tabbable = function () {
      return Array.prototype.filter.call(
        panel.querySelectorAll('a[href], button, input, textarea, select, [tabindex]'),
        function (node) {
          return node.tabIndex >= 0 && !node.disabled && node.getClientRects().length > 0;
        },
      );
    };
    panel.addEventListener('keydown', function (event) {
      if (event.key !== 'Tab' || !small.matches) return;
      var all = tabbable();
      var first = all[0];
      var last = all[all.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    });
    document.addEventListener('focusin', function (event) {
      if (!panel.hidden && small.matches && !panel.contains(event.target)) close.focus();
    });
    return { root: root, launcher: launcher, panel: panel, status: status, chat: chat };
  }

  var CHOICE_GROUPS = '.webchat__suggested-actions, .ac-actionSet';
  var CHOICE_BUTTONS = '.webchat__suggested-action, .ac-pushButton';

  function offersChoices(activity) {
    return !!(activity.suggestedActions && (activity.suggestedActions.actions || []).length);
  }

  /** The buttons of the choices on screen now (the suggested actions above the send box). */
  function currentChoices() {
    return Array.prototype.slice.call(ui.chat.querySelectorAll('.webchat__suggested-action'));
  }

  /** Focus on the first of the new choices, once they are drawn (unless the user has started typing). */
  function focusChoices() {
    var tries = 0;
    (function attempt() {
      var active = document.activeElement;
      var typing = active && active.tagName === 'INPUT' && active.value;
      if (typing || ui.panel.hidden) return;
      var buttons = currentChoices().filter(function (b) {
        return !b.disabled && b.getClientRects().length > 0;
      });
      if (buttons.length) buttons[0].focus();
      else if (tries++ < 40) setTimeout(attempt, 50);
    })();
  }

  /**
   * The keyboard in the chat: Up and Down move between stacked choices as Left and Right do; after a
   * choice is pressed, the focus goes to the next choices rather than to the text box; typing a letter
   * there still goes to the text box.
   */
  function chatKeyboard(chat) {
    chat.addEventListener('keydown', function (event) {
      var target = event.target;
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      if (!target.matches || !target.matches(CHOICE_BUTTONS)) return;
      var group = target.closest(CHOICE_GROUPS);
      var buttons = group ? Array.prototype.slice.call(group.querySelectorAll(CHOICE_BUTTONS)) : [];
      var at = buttons.indexOf(target);
      var next = buttons[at + (event.key === 'ArrowDown' ? 1 : -1)];
      if (next) {
        event.preventDefault();
        event.stopPropagation();
        next.focus();
      }
    });
    chat.addEventListener(
      'click',
      function (event) {
        var target = event.target;
        var button = target && target.closest ? target.closest(CHOICE_BUTTONS) : null;
        if (button) awaitingChoices = true;
      },
      true,
    );
    chat.addEventListener('input', function () {
      awaitingChoices = false;
    });
  }

  // Web Chat 4.18 writes absolute times with a fixed 12-hour pattern in every language (its date formatter
  // asks for the skeleton "MMMMdhm": "4 december om 4:40 p.m."), with no option to change it and no React
  // exposed for a renderer of our own. The bot's languages write 24-hour times ("16:40"): the times it shows
  // are rewritten as they appear. Only this pattern is touched.
  var TWELVE_HOUR = /\b(\d{1,2}):(\d{2})[\s\u00a0\u202f]?([ap])\.?\s?m\.?(?![a-z])/gi;

  function to24h(text) {
    return text.replace(TWELVE_HOUR, function (_all, h, m, half) {
      var hour = parseInt(h, 10) % 12;
      if (half.toLowerCase() === 'p') hour += 12;
      return (hour < 10 ? '0' : '') + hour + ':' + m;
    });
  }

  function twentyFourHourTimes(root) {
    var fix = function (node) {
      // Times Web Chat writes (status, screen-reader labels), never the words of a message or the send box.
      var inside = node.nodeType === 1 ? node : node.parentElement;
      if (inside && inside.closest && inside.closest('.webchat__bubble__content, .webchat__send-box')) return;
      if (node.nodeType === 3) {
        var fixed = to24h(node.nodeValue || '');
        if (fixed !== node.nodeValue) node.nodeValue = fixed;
        return;
      }
      if (node.nodeType !== 1) return;
      ['title', 'aria-label'].forEach(function (name) {
        var value = node.getAttribute(name);
        if (value && to24h(value) !== value) node.setAttribute(name, to24h(value));
      });
      for (var child = node.firstChild; child; child = child.nextSibling) fix(child);
    };
    new window.MutationObserver(function (records) {
      records.forEach(function (r) {
        if (r.type === 'characterData' || r.type === 'attributes') fix(r.target);
        else Array.prototype.forEach.call(r.addedNodes, fix);
      });
    }).observe(root, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['title', 'aria-label'],
    });
  }

  function setStatus(text, retry) {
    ui.status.textContent = text || '';
    if (retry) {
      var button = el('button', { type: 'button', class: 'ikh-retry', text: words.retry });
      button.addEventListener('click', function () {
        setStatus('');
        start().then(focusSendBox);
      });
      ui.status.appendChild(button);
    }
  }

  function open(moveFocus) {
    ui.panel.hidden = false;
    ui.launcher.setAttribute('aria-expanded', 'true');
    var ready = start();
    if (moveFocus) ready.then(focusSendBox);
    return ready;
  }

  function hide() {
    ui.panel.hidden = true;
    ui.launcher.setAttribute('aria-expanded', 'false');
    ui.launcher.focus();
  }

  function focusSendBox() {
    var tries = 0;
    (function attempt() {
      var input = ui.chat.querySelector(
        '[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input',
      );
      if (input) input.focus();
      else if (tries++ < 60) setTimeout(attempt, 50);
      else ui.panel.querySelector('.ikh-close').focus();
    })();
  }

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(storageKey) || 'null');
      return saved && saved.conversationId && saved.token && saved.domain ? saved : null;
    } catch {
      return null;
    }
  }

  function save(conversationId, token, domain) {
    try {
      localStorage.setItem(
        storageKey,
        JSON.stringify({ conversationId: conversationId, token: token, domain: domain }),
      );
    } catch {
      /* storage full or blocked: the conversation just does not survive a reload */
    }
  }

  function forget() {
    try {
      localStorage.removeItem(storageKey);
    } catch {
      /* nothing kept */
    }
  }

  /** Web Chat's script, fetched once (a failed fetch may be tried again). */
  function loadWebChat() {
    if (window.WebChat) return Promise.resolve(window.WebChat);
    if (webChatLoading) return webChatLoading;
    webChatLoading = new Promise(function (resolve, reject) {
      var tag = el('script', { src: base + WEBCHAT_PATH, async: '' });
      if (nonce) tag.setAttribute('nonce', nonce);
      tag.onload = function () {
        resolve(window.WebChat);
      };
      tag.onerror = function (error) {
        webChatLoading = null;
        tag.remove();
        reject(error);
      };
      document.head.appendChild(tag);
    });
    return webChatLoading;
  }

  function preload() {
    loadWebChat().catch(function () {
      /* tried again when the chat opens */
    });
  }

  function getJson(url, init) {
    return fetch(url, init).then(function (res) {
      if (!res.ok) {
        var error = new Error('HTTP ' + res.status);
        error.status = res.status;
        throw error;
      }
      return res.json();
    });
  }

  /** The saved conversation when its token still opens it (a fresh token comes back); else null. */
  function resume(saved) {
    var url = saved.domain + '/conversations/' + encodeURIComponent(saved.conversationId);
    return getJson(url, { headers: { Authorization: 'Bearer ' + saved.token } }).then(
      function (body) {
        return {
          domain: saved.domain,
          token: body.token || saved.token,
          conversationId: saved.conversationId,
          isNew: false,
        };
      },
      function (error) {
        // Offline, busy (429) or failing (5xx): keep the saved conversation and let the user try again.
        if (error.status !== 403 && error.status !== 404) throw error;
        // It truly cannot come back (its token expired, or the server no longer has it): say so.
        forget();
        notRestored = true;
        return null;
      },
    );
  }

  function fresh() {
    return getJson(base + '/webchat/token', { method: 'POST' }).then(function (body) {
      return { domain: body.domain, token: body.token, conversationId: body.conversationId, isNew: true };
    });
  }

  /** Opens the chat once: the saved conversation if it is still there, else a new one. */
  function start() {
    if (session) return Promise.resolve();
    if (starting) return starting;
    setStatus(words.loading);
    var saved = load();
    // Web Chat's script and the conversation at the same time: neither waits for the other.
    var conversation = (saved ? resume(saved) : Promise.resolve(null)).then(function (resumed) {
      return resumed || fresh();
    });
    starting = Promise.all([loadWebChat(), conversation])
      .then(function (ready) {
        var credentials = ready[1];
        mount(credentials);
        if (notRestored) {
          notRestored = false;
          setStatus(words.notRestored);
        } else if (ui.status.textContent === words.loading) setStatus('');
      })
      .catch(function (error) {
        if (error && error.status === 403) {
          // The site owner's mistake, not the visitor's: say so in the console, and neutrally on the page.
          if (window.console)
            console.warn(
              'I-KNOW-HOW chat: this page (' +
                window.location.origin +
                ") is not in the bot's ALLOWED_ORIGINS setting, so the chat cannot start here.",
            );
          setStatus(words.notAvailable, false);
        } else setStatus(words.error, true);
      })
      .then(function () {
        starting = null;
      });
    return starting;
  }

  function mount(credentials) {
    var WebChat = window.WebChat;
    var directLine = WebChat.createDirectLine({
      domain: credentials.domain,
      token: credentials.token,
      conversationId: credentials.isNew ? undefined : credentials.conversationId,
      webSocket: true,
    });
    var joined = !credentials.isNew;
    var store = WebChat.createStore({}, function (api) {
      return function (next) {
        return function (action) {
          var result = next(action);
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && !joined) {
            joined = true;
            // The first activity of a new conversation: the page's language (the locale) and country.
            api.dispatch({
              type: 'WEB_CHAT/SEND_EVENT',
              payload: { name: JOIN_EVENT, value: { country: country } },
            });
          }
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var activity = action.payload.activity;
            if (awaitingChoices && (activity.from || {}).role === 'bot' && offersChoices(activity)) {
              awaitingChoices = false;
              setTimeout(focusChoices, 0);
            }
            if (
              activity.type === 'event' &&
              activity.name === DATA_DELETED_EVENT &&
              (activity.from || {}).role === 'bot'
            )
              setTimeout(restartAfterDelete, 0);
          }
          return result;
        };
      };
    });
    var element = el('div', { class: 'ikh-webchat' });
    ui.chat.appendChild(element);
    var keep = function () {
      if (directLine.conversationId && directLine.token)
        save(directLine.conversationId, directLine.token, credentials.domain);
    };
    // The token is refreshed every 15 minutes: keep the newest, so a reload can resume.
    var timer = setInterval(keep, 60 * 1000);
    var statusSubscription = directLine.connectionStatus$.subscribe(function (status) {
      if (status === ONLINE) keep();
      if ((status === FAILED || status === ENDED) && session && session.directLine === directLine) {
        forget();
        if (status === ENDED) restart('');
      }
    });
    session = { directLine: directLine, element: element, timer: timer, subscription: statusSubscription };
    WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        locale: WEBCHAT_LOCALES[lang],
        // The bot's own words for the send box (Web Chat's Dutch says "uw"; the bot says "je").
        overrideLocalizedStrings: {
          TEXT_INPUT_PLACEHOLDER: words.placeholder,
          ACTIVITY_YOU_SAID_ALT: words.youSaid,
          ACTIVITY_YOU_ATTACHED_ALT: words.youAttached,
        },
        nonce: nonce,
        styleOptions: {
          accent: '#1d4f91',
          subtle: '#595959',
          timestampColor: '#595959',
          bubbleBorderRadius: 8,
          bubbleFromUserBackground: '#1d4f91',
          bubbleFromUserTextColor: '#ffffff',
          bubbleFromUserBorderRadius: 8,
          suggestedActionLayout: 'flow',
          suggestedActionBorderRadius: 8,
          suggestedActionTextColor: '#1d4f91',
          suggestedActionBorderColor: '#1d4f91',
          hideUploadButton: true,
          sendBoxButtonColor: '#1d4f91',
          rootHeight: '100%',
          rootWidth: '100%',
        },
      },
      element,
    );
  }

  function teardown() {
    if (!session) return;
    clearInterval(session.timer);
    session.subscription.unsubscribe();
    session.directLine.end();
    session.element.remove();
    session = null;
  }

  function restart(message) {
    var hadFocus = ui.panel.contains(document.activeElement);
    teardown();
    start().then(function () {
      if (message) setStatus(message);
      if (hadFocus) focusSendBox();
    });
  }

  function restartAfterDelete() {
    forget();
    restart(words.deleted);
  }

  function init() {
    ui = buildUi();
    window.addEventListener('pagehide', function () {
      if (session && session.directLine.conversationId && session.directLine.token) {
        var saved = load();
        if (saved) save(session.directLine.conversationId, session.directLine.token, saved.domain);
      }
    });
    if (script.getAttribute('data-open') === 'true') open(false);
    else whenIdle(preload);
  }

  /** After the page has loaded and the browser has nothing else to do (at the latest after 5 s). */
  function whenIdle(task) {
    var later = function () {
      if (window.requestIdleCallback) window.requestIdleCallback(task, { timeout: 5000 });
      else setTimeout(task, 1000);
    };
    if (document.readyState === 'complete') later();
    else window.addEventListener('load', later);
  }

  window.IKnowHowChat = {
    open: function () {
      return ui && open(true);
    },
    close: function () {
      if (ui) hide();
    },
  };
  if (document.body) init();
  else document.addEventListener('DOMContentLoaded', init);
})();
