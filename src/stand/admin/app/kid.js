/*
 * The child window «Редактирование ребенка» (tabs «Основные», «Заявки»; block «Подтверждение»;
 * grid «Сертификаты»; buttons «Подтвердить», «Редактировать СНИЛС», «Выдать сертификат»,
 * «Закрыть») and the «Новый сертификат» dialog. The form holds the kid as a Nav.model.Kid record
 * (form.loadRecord), updated from every answer of the server. `memo` (Nav.cfg.memoOnly): no
 * status text in «Подтверждение», no SNILS line and no «Сертификаты» grid, as in the memo.
 * `no-record` (Nav.cfg.shownOnly): the form loads no record, its fields only show the values.
 */
/* global Ext, Nav */
Ext.define('Nav.view.KidWindow', {
    extend: 'Ext.window.Window',
    xtype: 'navkidwindow',
    modal: true,
    width: 760,
    height: 720,
    layout: 'fit',
    maximizable: true,
    closeAction: 'destroy',
    cls: 'nav-kid-window',

    statics: {
        open: function (id, userWindow) {
            var win = Ext.create('Nav.view.KidWindow', { kidId: id, userWindow: userWindow });
            win.show();
            win.load();
            return win;
        }
    },

    initComponent: function () {
        var t = Nav.t,
            me = this,
            memo = !!Nav.cfg.memoOnly,
            display = function (name, label) {
                return { xtype: 'displayfield', name: name, fieldLabel: label, hidden: true };
            };
        me.title = t.childWindowTitle;
        // Fit small screens (laptops): the window never grows past the browser's height.
        me.height = Math.min(me.height, Ext.Element.getViewportHeight() - 20);
        me.items = [{
            xtype: 'tabpanel',
            items: [{
                xtype: 'form',
                title: t.tabMain,
                itemId: 'mainTab',
                bodyPadding: 15,
                scrollable: true,
                defaults: { anchor: '100%', labelWidth: 250, readOnly: true },
                items: [
                    { xtype: 'textfield', name: 'last_name', fieldLabel: t.lastName },
                    { xtype: 'textfield', name: 'first_name', fieldLabel: t.childFirstName },
                    { xtype: 'textfield', name: 'patro_name', fieldLabel: t.patronymic },
                    { xtype: 'datefield', name: 'birthday', fieldLabel: t.childBirthDate, format: 'd.m.Y', altFormats: 'Y-m-d', submitFormat: 'Y-m-d' },
                    {
                        xtype: 'combobox', name: 'sex', fieldLabel: t.childSex, queryMode: 'local', editable: false, valueField: 'id', displayField: 'name',
                        store: Ext.create('Ext.data.Store', { fields: ['id', 'name'], data: [{ id: 'male', name: t.male }, { id: 'female', name: t.female }] })
                    },
                    {
                        xtype: 'combobox', name: 'user_id', fieldLabel: t.childParent, queryMode: 'local', editable: false, valueField: 'id', displayField: 'title',
                        store: Ext.create('Ext.data.Store', { fields: ['id', 'title'], data: [] })
                    },
                    // The memo shows no SNILS line (only the «Редактировать СНИЛС» button).
                    memo ? null : { xtype: 'displayfield', name: 'snils', fieldLabel: t.snils, readOnly: false },
                    {
                        xtype: 'fieldset',
                        itemId: 'confirmationBlock',
                        title: t.confirmation,
                        defaults: { anchor: '100%', labelWidth: 235 },
                        items: [
                            memo ? null : { xtype: 'displayfield', name: 'approve_status', fieldLabel: t.confirmationStatus, fieldCls: 'nav-approve-status' },
                            display('approved_by_id', t.confirmedById),
                            display('approved_by_name', t.confirmedByUser),
                            display('approved_by_email', t.confirmedByEmail),
                            display('approved_by_organization', t.confirmedByOrganization),
                            display('approved_by_phone', t.confirmedByPhone)
                        ].filter(Boolean)
                    },
                    memo ? null : {
                        xtype: 'grid',
                        title: t.certificates,
                        itemId: 'certificatesGrid',
                        height: 160,
                        // Its own remote store (kid_id): it loads when the card opens and after a
                        // save, and its reload reads the server again.
                        store: Nav.remoteStore('/api/rest/certificate', ['id', 'type', 'type_name', 'category_name', 'number', 'denomination', 'created_at'], { remoteSort: false, pageSize: 0 }),
                        viewConfig: { emptyText: t.noCertificates, deferEmptyText: false },
                        columns: [
                            { text: t.certificateTypeColumn, dataIndex: 'type_name', flex: 1 },
                            { text: t.certificateNumberColumn, dataIndex: 'number', width: 150 },
                            { text: t.certificateDenominationColumn, dataIndex: 'denomination', width: 110 },
                            { text: t.certificateDateColumn, dataIndex: 'created_at', width: 120, renderer: function (v) { return Nav.dateText(v); } }
                        ]
                    }
                ].filter(Boolean)
            }, {
                xtype: 'grid',
                title: t.tabOrders,
                itemId: 'ordersTab',
                store: Ext.create('Ext.data.Store', { fields: ['id', 'program', 'status'], data: [] }),
                viewConfig: { emptyText: t.noOrders, deferEmptyText: false },
                columns: [
                    { text: t.columnId, dataIndex: 'id', width: 90 },
                    { text: t.columnProgram, dataIndex: 'program', flex: 1 },
                    { text: t.columnStatus, dataIndex: 'status', width: 140 }
                ]
            }]
        }];
        me.buttons = [
            { text: t.confirm, itemId: 'confirmButton', handler: me.onConfirm, scope: me },
            { text: t.editSnils, itemId: 'editSnilsButton', handler: me.onEditSnils, scope: me },
            { text: t.issueCertificate, itemId: 'issueCertificateButton', handler: me.onIssueCertificate, scope: me },
            '->',
            { text: t.close, itemId: 'closeButton', handler: me.close, scope: me }
        ];
        me.callParent();
    },

    load: function () {
        var me = this;
        Nav.Api.request({
            url: '/api/rest/kid/' + me.kidId,
            mask: me,
            success: function (data) { me.fill(data); }
        });
    },

    /**
     * Puts a kid (the answer of GET /api/rest/kid/:id, of a confirmation or a SNILS change) on
     * screen: the form's record is created once and then updated from each answer.
     */
    fill: function (kid) {
        var t = Nav.t,
            me = this,
            form,
            record,
            by = kid.approved_by,
            parentCombo,
            certificates;
        if (me.destroyed) {
            return;
        }
        form = me.down('#mainTab').getForm();
        parentCombo = form.findField('user_id');
        certificates = me.down('#certificatesGrid');
        me.kid = kid;
        parentCombo.getStore().loadData(kid.parent ? [kid.parent] : []);
        if (Nav.cfg.shownOnly) {
            // `no-record`: the form holds no record, only the values its fields show.
            form.setValues({ last_name: kid.last_name, first_name: kid.first_name, patro_name: kid.patro_name, sex: kid.sex });
        } else {
            record = form.getRecord();
            if (record) {
                record.set(kid);
                record.commit();
            } else {
                record = Ext.create('Nav.model.Kid', kid);
            }
            form.loadRecord(record);
        }
        // What the record does not hold as the fields show it.
        form.setValues({
            birthday: kid.birthday ? Ext.Date.parse(kid.birthday, 'Y-m-d') : null,
            user_id: kid.parent ? kid.parent.id : kid.user_id,
            snils: kid.snils || '—',
            approve_status: kid.is_approved ? t.confirmed : t.notConfirmed,
            approved_by_id: by ? by.id : '',
            approved_by_name: by ? by.name : '',
            approved_by_email: by ? by.email : '',
            approved_by_organization: by ? by.organization : '',
            approved_by_phone: by ? by.phone : ''
        });
        Ext.Array.each(['approved_by_id', 'approved_by_name', 'approved_by_email', 'approved_by_organization', 'approved_by_phone'], function (name) {
            form.findField(name).setVisible(!!by);
        });
        me.down('#confirmButton').setDisabled(!!kid.is_approved);
        if (certificates) {
            certificates.getStore().getProxy().setExtraParam('kid_id', kid.id);
            certificates.getStore().load();
        }
    },

    fullName: function () {
        var k = this.kid || {};
        return [k.last_name, k.first_name, k.patro_name].filter(Boolean).join(' ');
    },

    changed: function (data) {
        this.fill(data);
        if (this.userWindow && !this.userWindow.destroyed) {
            this.userWindow.refreshKids();
        }
    },

    onConfirm: function () {
        var t = Nav.t,
            me = this,
            approve = function () {
                Nav.Api.request({
                    url: '/api/rest/kid/' + me.kidId + '/approve',
                    method: 'POST',
                    jsonData: { without_snils: !me.kid.snils },
                    mask: me,
                    maskText: t.saving,
                    success: function (data, body) {
                        Ext.toast({ html: Ext.String.htmlEncode(body.message || t.childConfirmed), align: 't', autoCloseDelay: 2500 });
                        me.changed(data);
                    }
                });
            };
        if (!me.kid) {
            return;
        }
        if (me.kid.snils) {
            approve();
            return;
        }
        Nav.dialog.confirm(t.confirmQuestionTitle, t.confirmQuestion, function (button) {
            if (button === 'yes') {
                approve();
            }
        });
    },

    onEditSnils: function () {
        var t = Nav.t,
            me = this;
        Ext.Msg.prompt(t.snilsWindowTitle, t.snils, function (button, value) {
            if (button !== 'ok') {
                return;
            }
            Nav.Api.request({
                url: '/api/rest/kid/' + me.kidId,
                method: 'PUT',
                jsonData: { snils: value },
                mask: me,
                maskText: t.saving,
                success: function (data) {
                    Ext.toast({ html: Ext.String.htmlEncode(t.saved), align: 't', autoCloseDelay: 2500 });
                    me.changed(data);
                }
            });
        }, me, false, (me.kid && me.kid.snils) || '');
    },

    onIssueCertificate: function () {
        if (this.kid) {
            Ext.create('Nav.view.CertificateWindow', { kidWindow: this }).show();
        }
    }
});

Ext.define('Nav.view.CertificateWindow', {
    extend: 'Ext.window.Window',
    xtype: 'navcertificatewindow',
    modal: true,
    width: 520,
    layout: 'fit',
    closeAction: 'destroy',

    initComponent: function () {
        var t = Nav.t,
            me = this;
        me.title = t.certificateWindowTitle;
        me.items = [{
            xtype: 'form',
            bodyPadding: 15,
            defaults: { anchor: '100%', labelWidth: 160 },
            items: [{
                xtype: 'displayfield', name: 'kid_name', fieldLabel: t.certificateChild, labelSeparator: '', value: Ext.String.htmlEncode(me.kidWindow.fullName())
            }, {
                xtype: 'combobox',
                name: 'type',
                fieldLabel: t.certificateType,
                emptyText: t.certificateTypeEmpty,
                allowBlank: false,
                blankText: t.requiredFields,
                editable: false,
                forceSelection: true,
                queryMode: 'remote',
                triggerAction: 'all',
                valueField: 'id',
                displayField: 'name',
                store: Nav.remoteStore('/api/rest/certificate-type', ['id', 'name'], { remoteSort: false, pageSize: 0 })
            }, {
                xtype: 'numberfield', name: 'denomination', fieldLabel: t.denomination, labelSeparator: '', emptyText: t.denominationEmpty, minValue: 0
            }]
        }];
        me.buttons = [
            { text: t.save, itemId: 'saveButton', handler: me.onSave, scope: me },
            { text: t.cancel, itemId: 'cancelButton', handler: me.close, scope: me }
        ];
        me.callParent();
    },

    onSave: function () {
        var t = Nav.t,
            me = this,
            form = me.down('form').getForm(),
            kidWindow = me.kidWindow;
        if (!form.isValid()) {
            Nav.dialog.alert(t.errorTitle, t.requiredFields);
            return;
        }
        Nav.Api.request({
            url: '/api/rest/certificate',
            method: 'POST',
            jsonData: { kid_id: kidWindow.kidId, type: form.findField('type').getValue(), denomination: form.findField('denomination').getValue() },
            mask: me,
            maskText: t.saving,
            success: function (data, body) {
                me.close();
                Ext.toast({ html: Ext.String.htmlEncode(body.message || t.saved), align: 't', autoCloseDelay: 4000 });
                if (!kidWindow.destroyed) {
                    kidWindow.load();
                    if (kidWindow.userWindow && !kidWindow.userWindow.destroyed) {
                        kidWindow.userWindow.refreshKids();
                    }
                }
            }
        });
    }
});
