window.YTD.tweets.part0 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1843900000000000101"
          ],
          "editableUntil": "2026-10-09T10:15:02.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "the_real_hazel",
            "screen_name": "the_real_hazel",
            "indices": [
              "0",
              "15"
            ],
            "id_str": "1801000000000000002",
            "id": "1801000000000000002"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "144"
      ],
      "favorite_count": "3",
      "id_str": "1843900000000000101",
      "truncated": false,
      "retweet_count": "0",
      "id": "1843900000000000101",
      "created_at": "Thu Oct 08 09:15:02 +0000 2026",
      "favorited": false,
      "full_text": "@the_real_hazel Sorry about the double charge! We've refunded it, please allow 5-7 business days. DM us your order number if it doesn't show up.",
      "lang": "en",
      "in_reply_to_status_id_str": "1843899000000000001",
      "in_reply_to_status_id": "1843899000000000001",
      "in_reply_to_user_id": "1801000000000000002",
      "in_reply_to_user_id_str": "1801000000000000002",
      "in_reply_to_screen_name": "the_real_hazel"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1843910000000000102"
          ],
          "editableUntil": "2026-10-09T10:15:02.000Z",
          "editsR