import torch

torch.manual_seed(0)


def synthetic_data(n, w=torch.full((200, 1), 0.1), b=0.05):  # (1)!
    X = torch.normal(0.0, 1.0, (n, 200))
    return X, X @ w + b + torch.normal(0.0, 0.01, (n, 1))


(X_tr, y_tr), (X_te, y_te) = synthetic_data(100), synthetic_data(2000)
vals = [synthetic_data(100) for _ in range(3)]  # (2)!
lambdas, val_loss, test_loss = [0.3, 0.5, 1, 2, 3], [], []
for wd in lambdas:
    torch.manual_seed(1)
    w, b = torch.normal(0.0, 1.0, (200, 1)), torch.normal(0.0, 1.0, (1,))
    w.requires_grad_(), b.requires_grad_()
    opt = torch.optim.SGD([{"params": [w], "weight_decay": wd}, {"params": [b]}], lr=0.003)
    for epoch in range(100):
        for idx in torch.randperm(100).split(5):
            opt.zero_grad()
            ((X_tr[idx] @ w + b - y_tr[idx]) ** 2).mean().backward()
            opt.step()
    with torch.no_grad():
        val_loss.append([((X @ w + b - y) ** 2).mean().item() for X, y in vals])
        test_loss.append(((X_te @ w + b - y_te) ** 2).mean().item())
print("test loss per lambda:", [round(t, 3) for t in test_loss])
for k in range(3):
    i = min(range(len(lambdas)), key=lambda j: val_loss[j][k])
    above = test_loss[i] / min(test_loss) - 1
    print(f"validation set {k}: chooses lambda = {lambdas[i]}, test loss {test_loss[i]:.3f} (best + {above:.0%})")
