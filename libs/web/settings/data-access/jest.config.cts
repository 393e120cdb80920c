module.exports = require('../../../../jest.angular.cjs')(__dirname, 'web-settings-data-access');
