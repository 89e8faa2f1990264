window.YTD.account.part0 = [
  {
    "account": {
      "email": "social@yunque.example",
      "createdVia": "web",
      "username": "LarkTechHelp",
      "accountId": "1710000000000000001",
      "createdAt": "2023-03-01T08:00:00.000Z",
      "accountDisplayName": "Lark Tech Support"
    }
  }
]
