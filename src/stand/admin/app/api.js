/*
 * Training stand admin panel («Система управления Навигатором»), Ext JS 6.2 classic.
 * Shared helpers: texts from the server's config blob, formatting, and Nav.Api — the one way
 * the panel talks to the server (masks, error messages, session expiry).
 */
/* global Ext */
Ext.ns('Nav', 'Nav.view');

Nav.cfg = window.NAV_CONFIG || { texts: {}, municipalities: [], pageSize: 25 };
Nav.t = Nav.cfg.texts;

/** Replaces {name} placeholders: Nav.fmt('#{id} клиент', { id: 5 }). */
Nav.fmt = function (tpl, values) {
    return String(tpl).replace(/\{(\w+)\}/g, function (m, key) {
        return values && values[key] !== undefined && values[key] !== null ? values[key] : m;
    });
};

Nav.yesNo = function (value) {
    return value ? Nav.t.yes : Nav.t.no;
};

/** 'YYYY-MM-DD' or an ISO timestamp → 'dd.mm.yyyy' (with time when asked). */
Nav.dateText = function (value, withTime) {
    if (!value) {
        return '';
    }
    var d = Ext.isDate(value) ? value : (String(value).length === 10 ? Ext.Date.parse(value, 'Y-m-d') : new Date(value));
    return d ? Ext.Date.format(d, withTime ? 'd.m.Y H:i' : 'd.m.Y') : String(value);
};

/** A JSON reader for the vendor's envelope. */
Nav.reader = function () {
    return {
        type: 'json',
        rootProperty: 'data',
        totalProperty: 'total',
        successProperty: 'success',
        messageProperty: 'message'
    };
};

/** A remote store over one of the REST lists. */
Nav.remoteStore = function (url, fields, cfg) {
    return Ext.create('Ext.data.Store', Ext.apply({
        fields: fields,
        pageSize: Nav.cfg.pageSize || 25,
        remoteSort: true,
        proxy: {
            type: 'ajax',
            url: url,
            navProxy: true,
            reader: Nav.reader()
        }
    }, cfg || {}));
};

Nav.pagingBar = function (store) {
    return {
        xtype: 'pagingtoolbar',
        store: store,
        displayInfo: true,
        displayMsg: Nav.t.pagingText,
        emptyMsg: Nav.t.emptyGrid
    };
};

Ext.define('Nav.Api', {
    singleton: true,

    /** Shows why a request failed; a 401 leads back to the login view instead. */
    explain: function (status, body) {
        var t = Nav.t;
        if (status === 401 || (body && body.err_code === 401)) {
            Nav.session.expired();
            return;
        }
        if (status === 0) {
            Ext.Msg.alert(t.errorTitle, t.networkError);
        } else if (status >= 500 || status === 429) {
            Ext.Msg.alert(t.serverErrorTitle, Nav.fmt(t.serverError, { status: status }));
        } else {
            Ext.Msg.alert(t.errorTitle, (body && body.message) || Nav.fmt(t.serverError, { status: status }));
        }
    },

    decode: function (response) {
        return response && response.responseText ? Ext.decode(response.responseText, true) : null;
    },

    /**
     * opts: url, method, params, jsonData, mask (a component), maskText, quiet (no message box),
     * success(data, body), failure(body, status), on401 (instead of the login view).
     */
    request: function (opts) {
        var me = this,
            mask = opts.mask && !opts.mask.destroyed ? opts.mask : null;
        if (mask) {
            mask.mask(opts.maskText || Nav.t.loading);
        }
        return Ext.Ajax.request({
            url: opts.url,
            method: opts.method || 'GET',
            params: opts.params,
            jsonData: opts.jsonData,
            navHandled: true,
            callback: function (options, ok, response) {
                // A slow panel (stand setting slowMaskMs): the mask stays up after the answer.
                if (mask && Nav.cfg.slowMaskMs > 0) {
                    Ext.defer(me.handle, Nav.cfg.slowMaskMs, me, [opts, mask, ok, response]);
                } else {
                    me.handle(opts, mask, ok, response);
                }
            }
        });
    },

    handle: function (opts, mask, ok, response) {
        var me = this,
            body = me.decode(response),
            status = response ? response.status : 0;
        if (mask && !mask.destroyed) {
            mask.unmask();
        }
        if (ok && body && body.success) {
            if (opts.success) {
                opts.success(body.data, body);
            }
            return;
        }
        if ((status === 401 || (body && body.err_code === 401)) && opts.on401) {
            opts.on401(body);
            return;
        }
        if (!opts.quiet || status === 401) {
            me.explain(status, body);
        }
        if (opts.failure) {
            opts.failure(body, status);
        }
    }
}, function () {
    // Store loads go through Ext.Ajax too: explain their failures the same way.
    Ext.Ajax.on('requestexception', function (conn, response, options) {
        if (options && options.navHandled) {
            return;
        }
        Nav.Api.explain(response ? response.status : 0, Nav.Api.decode(response));
    });
});
